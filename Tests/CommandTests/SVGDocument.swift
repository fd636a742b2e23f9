import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG file read with Foundation's XML parser: whether it is well-formed, its root, and its
/// elements and text, for checking what `rl plot` draws.
final class SVGDocument: NSObject, XMLParserDelegate {
    /// The name of each element, in document order.
    private(set) var elements: [String] = []
    /// The attributes of each element, in document order.
    private(set) var attributes: [[String: String]] = []
    /// The text inside `<text>` elements.
    private(set) var texts: [String] = []
    private var inText = false

    /// Parses the file.
    ///
    /// - Throws: the parser's error when the document is not well-formed XML.
    init(contentsOf url: URL) throws {
        super.init()
        let parser = XMLParser(data: try Data(contentsOf: url))
        parser.delegate = self
        guard parser.parse() else {
            throw parser.parserError ?? CocoaError(.fileReadCorruptFile)
        }
    }

    /// The root element's name.
    var root: String? { elements.first }

    /// How many elements have the name.
    func count(of name: String) -> Int {
        elements.filter { $0 == name }.count
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(name)
        self.attributes.append(attributes)
        if name == "text" {
            inText = true
            texts.append("")
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }
}
