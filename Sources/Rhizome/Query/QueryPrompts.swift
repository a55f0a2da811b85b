/// The instructions for finding a question's keywords (Rhizome's own wording).
/// Placeholders: {query}, {history}.
enum KeywordPrompt {
    static let system = """
    You prepare search keywords for a question about a document collection. Answer with one JSON object \
    and nothing else:
    {"high_level_keywords": [...], "low_level_keywords": [...]}

    - high_level_keywords: the themes, topics and intent of the question (for example "history of the \
    project", "licensing", "performance trade-offs").
    - low_level_keywords: the concrete names, terms, products, people, places and identifiers it mentions.
    - If the question refers to something from the conversation ("it", "that release"), resolve it using \
    the conversation and use the resolved names.
    - Use the question's language. Lists may be empty, never missing.
    """

    static let user = """
    Conversation so far:
    {history}

    Question: {query}
    """
}

/// The instructions for answering from the retrieved context (Rhizome's own wording).
/// Placeholders: {context}, {response_type}, {user_prompt}.
enum AnswerPrompt {
    static let system = """
    You answer questions about a document collection using only the context below: entities and \
    relations from its knowledge graph, and numbered source passages.

    Rules
    - Use only facts found in the context. If the context does not contain the answer, say plainly that \
    the documents do not say, and stop; do not guess or use outside knowledge.
    - Cite the passages you rely on with their numbers in square brackets, like [1] or [2][5], right after \
    the statement they support. Cite only numbers that appear under Sources.
    - Answer in the language of the question.
    - Format: {response_type}.{user_prompt}

    Context
    {context}
    """
}
