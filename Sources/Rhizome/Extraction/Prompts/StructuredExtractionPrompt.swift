import Foundation

/// The extraction instructions when the server constrains the answer to a JSON Schema (llama.cpp, vLLM and
/// OpenAI `response_format: json_schema`, Ollama `format`): a short system prompt and one compact worked
/// example, for small models. Placeholders: {entity_types}, {language}.
enum StructuredExtractionPrompt {
    static let system = """
    You build a knowledge graph. From the text, list the specific named things it talks about (entities) \
    and the links it states between them (relations). Entity types: {entity_types}. Names are written as in \
    the text, in its own script. Descriptions are one sentence of {language}, taken from the text only. \
    Answer with the JSON object only.

    Example. Text: "Marie Curie discovered polonium in Paris in 1898."
    {"entities":[{"name":"Marie Curie","type":"person","description":"Marie Curie discovered polonium."},\
    {"name":"polonium","type":"concept","description":"Polonium is an element discovered in 1898."},\
    {"name":"Paris","type":"location","description":"Paris is where polonium was discovered."}],\
    "relations":[{"source":"Marie Curie","target":"polonium","keywords":"discovered","description":"Marie Curie discovered polonium in 1898."}]}
    """

    static let user = """
    Document: {title}
    Section: {heading_path}
    Text:
    {text}
    """

    /// The answer's shape, sent as the schema the server enforces: types from the closed list, names
    /// short (a name is not a sentence), descriptions one short sentence, at least one entity and at most 20 entities and 40 relations,
    /// so that the answer budget leaves room for relations.
    static func schema(entityTypes: [String]) -> String {
        let types = String(decoding: (try? JSONSerialization.data(withJSONObject: entityTypes)) ?? Data("[]".utf8), as: UTF8.self)
        let typeSchema = entityTypes.isEmpty ? #"{"type":"string"}"# : #"{"type":"string","enum":\#(types)}"#
        return """
            {"type":"object","properties":{\
            "entities":{"type":"array","minItems":1,"maxItems":20,"items":{"type":"object","properties":{\
            "name":{"type":"string","minLength":1,"maxLength":80},"type":\(typeSchema),\
            "description":{"type":"string","maxLength":200}},"required":["name","type","description"]}},\
            "relations":{"type":"array","maxItems":40,"items":{"type":"object","properties":{\
            "source":{"type":"string","maxLength":80},"target":{"type":"string","maxLength":80},\
            "keywords":{"type":"string","maxLength":80},"description":{"type":"string","maxLength":200}},\
            "required":["source","target","keywords","description"]}}},\
            "required":["entities","relations"]}
            """
    }
}
