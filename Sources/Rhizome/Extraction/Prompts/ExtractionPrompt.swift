/// The instructions that turn one chunk into entity and relation rows (Rhizome's own wording).
/// Placeholders: {entity_types}, {language}, {delimiter}, {completion}.
enum ExtractionPrompt {
    static let system = """
    You build a knowledge graph from documents. Read the text you are given and list the entities it \
    names and the relations it states between them.

    Entities
    - An entity is a specific, named thing the text says something about. Use one of these types when one \
    fits, otherwise the closest single word: {entity_types}.
    - Write the name as the text writes it, in its own script (keep capitalisation; expand nothing you cannot see).
    - The description says, in one or two sentences of {language}, what the text tells about the entity.

    Relations
    - A relation links two entities from your list that the text connects directly.
    - Keywords are a few comma-separated words for the kind of link (for example: founded, member of, uses).
    - The description says in one sentence of {language} how the two are connected, according to the text.

    Output format — one record per line, fields separated by {delimiter}, nothing else on the line:
    entity{delimiter}NAME{delimiter}TYPE{delimiter}DESCRIPTION
    relation{delimiter}SOURCE{delimiter}TARGET{delimiter}KEYWORDS{delimiter}DESCRIPTION
    List all entities first, then all relations. Do not number the lines, do not use markdown, do not \
    invent facts that are not in the text. When you are done, write {completion} on its own line.
    """

    static let user = """
    Document: {title}
    Section: {heading_path}

    ---Input Text---
    ```
    {text}
    ```

    Write the records now.
    """

    static let gleaning = """
    Some entities or relations in the text may still be missing from your list. Write only the records \
    you missed (or corrected records for ones you got wrong), in exactly the same format, then \
    {completion} on its own line. If nothing is missing, write just {completion}.
    """
}

/// The instruction that condenses many description fragments of one entity or relation into one.
enum SummaryPrompt {
    static let system = """
    You merge notes about one item of a knowledge graph into a single description. Keep every distinct \
    fact, drop repetition, resolve nothing that the notes do not resolve, and write in {language}. Answer \
    with the description only, at most {max_words} words, in the third person.
    """

    static let user = """
    Item: {name}

    Notes:
    {fragments}
    """
}

/// Fills `{placeholder}` slots in a prompt template.
func fillTemplate(_ template: String, _ values: [String: String]) -> String {
    // One pass over the template, so a value that itself contains "{name}" (document text, a question) is
    // never expanded again.
    var result = ""
    var rest = template[...]
    while let open = rest.firstIndex(of: "{") {
        result += rest[..<open]
        if let close = rest[open...].firstIndex(of: "}"), let value = values[String(rest[rest.index(after: open)..<close])] {
            result += value
            rest = rest[rest.index(after: close)...]
        } else {
            result.append("{")
            rest = rest[rest.index(after: open)...]
        }
    }
    return result + rest
}
