import MCP

/// The tools `rhizome mcp` offers, with JSON Schemas precise enough for an agent to call them unaided.
enum ToolCatalog {
    static let modes: Value = .array(["mix", "local", "global", "hybrid", "naive", "bypass"].map(Value.string))

    static func schema(_ properties: [String: Value], required: [String] = []) -> Value {
        .object(["type": "object", "properties": .object(properties), "required": .array(required.map(Value.string)),
                 "additionalProperties": false])
    }

    static func integer(_ description: String, minimum: Int, maximum: Int, default value: Int) -> Value {
        .object(["type": "integer", "description": .string(description), "minimum": .int(minimum), "maximum": .int(maximum),
                 "default": .int(value)])
    }

    static func string(_ description: String) -> Value { .object(["type": "string", "description": .string(description)]) }

    static let readOnly = Tool.Annotations(readOnlyHint: true, openWorldHint: false)

    static let tools: [Tool] = [
        Tool(name: "query", title: "Ask the knowledge base",
             description: "Answer a question from the knowledge graph and the documents. Returns the answer with numbered [n] citations and the references (document path, chunk id, exact character offsets); with context_only, the retrieved context instead of an answer.",
             inputSchema: schema([
                "question": string("The question, in any language."),
                "mode": .object(["type": "string", "enum": modes, "default": "mix",
                                 "description": "mix (default): graph and passages; local: named entities; global: themes via relations; hybrid: local+global; naive: passages only; bypass: the model alone."]),
                "top_k": integer("Entities (local) or relations (global) retrieved.", minimum: 1, maximum: 200, default: 40),
                "chunk_top_k": integer("Source passages retrieved.", minimum: 0, maximum: 100, default: 20),
                "context_only": .object(["type": "boolean", "default": false, "description": "Return the retrieved context, not an answer."]),
             ], required: ["question"]), annotations: readOnly),
        Tool(name: "search_entities", title: "Find entities",
             description: "Entities whose names, aliases or descriptions hold all the given words (any case); with no text, the best-connected entities.",
             inputSchema: schema(["text": string("Words to look for."), "limit": integer("At most this many.", minimum: 1, maximum: 200, default: 20)]),
             annotations: readOnly),
        Tool(name: "get_entity", title: "Read an entity",
             description: "An entity by name or alias (any case): type, description, aliases, relations, and the passages it is cited from.",
             inputSchema: schema(["name": string("The entity's name or one of its aliases.")], required: ["name"]), annotations: readOnly),
        Tool(name: "neighbors", title: "Neighbourhood of an entity",
             description: "The entities within `depth` hops of an entity and the relations between them (nodes and edges), nearest first.",
             inputSchema: schema(["name": string("The entity's name or one of its aliases."),
                                  "depth": integer("Hops.", minimum: 1, maximum: 3, default: 1),
                                  "max_nodes": integer("At most this many entities.", minimum: 1, maximum: 500, default: 50)],
                                 required: ["name"]), annotations: readOnly),
        Tool(name: "get_passage", title: "Read a cited passage",
             description: "The exact text of a passage: a reference's chunk (document and chunk_id from a query's references), or a span of a document by start and end offsets (Unicode scalars).",
             inputSchema: schema(["document": string("The document's stored path or id."),
                                  "chunk_id": string("A chunk id from a reference."),
                                  "start_offset": .object(["type": "integer", "minimum": 0]),
                                  "end_offset": .object(["type": "integer", "minimum": 0])], required: ["document"]),
             annotations: readOnly),
        Tool(name: "list_documents", title: "List documents",
             description: "The stored documents with status (processed, failed, …), chunk count and title.",
             inputSchema: schema(["status": .object(["type": "string", "enum": .array(["pending", "processing", "processed", "failed"].map(Value.string))])]),
             annotations: readOnly),
        Tool(name: "ingest", title: "Add documents",
             description: "Ingest files or folders (HTML, XML, Markdown, text) under the folder this server was allowed at start-up: new and changed files are read and extracted, unchanged ones skipped. Paths are relative to that folder.",
             inputSchema: schema(["paths": .object(["type": "array", "items": .object(["type": "string"]), "minItems": 1,
                                                   "description": "Files or folders, relative to the allowed folder."])], required: ["paths"]),
             annotations: Tool.Annotations(readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false)),
    ]
}
