import CLibXML2
import Foundation

/// libxml2's schema parser is not safe to run from parallel tests at once.
private let schemaLock = NSLock()

/// Validates `xml` against the XML Schema at `schemaPath` with libxml2; nil when valid, else the first error.
func xmlSchemaViolation(_ xml: String, schemaPath: String) -> String? {
    schemaLock.lock()
    defer { schemaLock.unlock() }
    xmlInitParser()
    // From memory: a process that installed Rhizome's refusing external-entity loader cannot load files by URL.
    guard let schemaBytes = FileManager.default.contents(atPath: schemaPath).map(Array.init) else { return "cannot read \(schemaPath)" }
    guard let parser = schemaBytes.withUnsafeBufferPointer({ buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlSchemaNewMemParserCtxt($0, Int32(buffer.count)) }
    }) else { return "cannot open schema \(schemaPath)" }
    defer { xmlSchemaFreeParserCtxt(parser) }
    guard let schema = xmlSchemaParse(parser) else { return "cannot parse schema \(schemaPath)" }
    defer { xmlSchemaFree(schema) }
    let bytes = Array(xml.utf8)
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    guard let document = bytes.withUnsafeBufferPointer({ buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
            xmlReadMemory($0, Int32(buffer.count), "export.graphml", "UTF-8", options)
        }
    }) else { return "not well-formed XML" }
    defer { xmlFreeDoc(document) }
    guard let validator = xmlSchemaNewValidCtxt(schema) else { return "cannot create a validator" }
    defer { xmlSchemaFreeValidCtxt(validator) }
    final class Errors { var first: String? }
    let errors = Errors()
    xmlSchemaSetValidStructuredErrors(validator, { context, error in
        guard let context, let error, let message = error.pointee.message else { return }
        let errors = Unmanaged<Errors>.fromOpaque(context).takeUnretainedValue()
        if errors.first == nil { errors.first = "line \(error.pointee.line): " + String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines) }
    }, Unmanaged.passUnretained(errors).toOpaque())
    let result = xmlSchemaValidateDoc(validator, document)
    return result == 0 ? nil : (errors.first ?? "invalid (code \(result))")
}
