/// The extraction instructions when the server constrains the answer to a JSON Schema (llama.cpp, vLLM and
/// OpenAI `response_format: json_schema`, Ollama `format`): a short system prompt and one compact worked
/// example, for small models. Placeholders: {entity_types}, {language}.
enum StructuredExtractionPrompt {
    static let system = """
    You build a knowledge graph. From the text, list the specific named things it talks about (entities) \
    and the links it states between them (relations). Entity types: {entity_types}. Names are written as in \
    the text, in its own script. Descriptions are one sentence of {language}, taken from the text only. \
    Answer with the JSON object only.

    Example. Text: "SQLite was designed by D. Richard Hipp in 2000."
    {"entities":[{"name":"SQLite","type":"technology","description":"SQLite is a database engine designed in 2000."},\
    {"name":"D. Richard Hipp","type":"person","description":"D. Richard Hipp designed SQLite."}],\
    "relations":[{"source":"D. Richard Hipp","target":"SQLite","keywords":"designed","description":"Hipp designed SQLite in 2000."}]}
    """

    static let user = """
    Document: {title}
    Section: {heading_path}
    Text:
    {text}
    """

    /// The answer's shape, sent as the schema the server enforces.
    static let schema = """
    {"type":"object","properties":{\
    "entities":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"type":{"type":"string"},\
    "description":{"type":"string"}},"required":["name","type","description"]}},\
    "relations":{"type":"array","items":{"type":"object","properties":{"source":{"type":"string"},"target":{"type":"string"},\
    "keywords":{"type":"string"},"description":{"type":"string"}},"required":["source","target","keywords","description"]}}},\
    "required":["entities","relations"]}
    """
}
