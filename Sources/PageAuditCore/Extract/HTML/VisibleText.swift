import CLibXML2

/// Collects the text a reader would see, walking the tree without recursion so that a
/// hostile page nested 100,000 levels deep cannot overflow the stack.
///
/// Block elements become line breaks, so text from two table cells or list items never merges
/// into one false phone number or address; adjacent inline texts are joined with a space.
///
/// Pages are read as UTF-8 bytes when all their text is `SimpleText`, which is nearly always;
/// otherwise the same walk runs again with `Character` semantics, so both give the same text.
enum VisibleText {
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "head", "svg", "iframe", "object"]
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article", "header",
        "footer", "nav", "aside", "main", "h1", "h2", "h3", "h4", "h5", "h6", "address", "dd", "dt",
        "dl", "form", "fieldset", "blockquote", "pre", "hr", "figure", "figcaption", "option", "body",
    ]

    /// The text of `element` with whitespace collapsed (`HTMLElement.visibleText`).
    static func collapsed(_ element: HTMLElement, skipping skip: ((HTMLElement) -> Bool)? = nil) -> String {
        if let bytes = simpleBytes(of: element, skipping: skip),
           let text = bytes.withUnsafeBufferPointer({ SimpleText.collapsingWhitespace($0) }) { return text }
        return of(element, skipping: skip).collapsingWhitespace
    }

    /// The text of `element`, leaving out the subtrees `skip` selects (posts, owner-written fields).
    static func of(_ element: HTMLElement, skipping skip: ((HTMLElement) -> Bool)? = nil) -> String {
        if let bytes = simpleBytes(of: element, skipping: skip) { return String(decoding: bytes, as: UTF8.self) }
        return characterText(of: element, skipping: skip)
    }

    /// The walk with `Character` semantics, for text that is not simple.
    static func characterText(of element: HTMLElement, skipping skip: ((HTMLElement) -> Bool)?) -> String {
        var output = ""
        var names = ElementNames(element.document)
        var stack: [(node: xmlNodePtr, leaving: Bool)] = [(element.node, false)]
        while let (node, leaving) = stack.popLast() {
            if leaving {
                if names.kind(of: node) == .block { output.append("\n") }
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    let text = String(cString: content)
                    if let last = output.last, !last.isWhitespace, let first = text.first, !first.isWhitespace {
                        output.append(" ")
                    }
                    output.append(text)
                }
            case XML_ELEMENT_NODE:
                let kind = names.kind(of: node)
                guard kind != .skipped else { break }
                if let skip, node != element.node, skip(HTMLElement(node: node, document: element.document)) { continue }
                if kind == .block { output.append("\n") }
                stack.append((node, true))
                pushChildren(of: node, onto: &stack)
            default:
                break
            }
        }
        return output
    }

    /// The same walk on UTF-8 bytes; nil as soon as a text is not `SimpleText`.
    static func simpleBytes(of element: HTMLElement, skipping skip: ((HTMLElement) -> Bool)?) -> [UInt8]? {
        var output: [UInt8] = []
        /// Whether the last scalar of `output` is whitespace; nil while it is empty.
        var lastIsSpace: Bool?
        var names = ElementNames(element.document)
        var stack: [(node: xmlNodePtr, leaving: Bool)] = [(element.node, false)]
        while let (node, leaving) = stack.popLast() {
            if leaving {
                if names.kind(of: node) == .block { output.append(0x0A); lastIsSpace = true }
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = node.pointee.content else { break }
                let text = UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
                guard let edges = SimpleText.edges(of: text) else { return nil }
                guard let (firstIsSpace, endsInSpace) = edges else { break }
                if lastIsSpace == false, !firstIsSpace { output.append(0x20) }
                output.append(contentsOf: text)
                lastIsSpace = endsInSpace
            case XML_ELEMENT_NODE:
                let kind = names.kind(of: node)
                guard kind != .skipped else { break }
                if let skip, node != element.node, skip(HTMLElement(node: node, document: element.document)) { continue }
                if kind == .block { output.append(0x0A); lastIsSpace = true }
                stack.append((node, true))
                pushChildren(of: node, onto: &stack)
            default:
                break
            }
        }
        return output
    }

    /// Children go on the stack last first, so they come off it in document order.
    private static func pushChildren(of node: xmlNodePtr, onto stack: inout [(node: xmlNodePtr, leaving: Bool)]) {
        var child = node.pointee.last
        while let current = child {
            stack.append((current, false))
            child = current.pointee.prev
        }
    }

    enum Kind { case skipped, block, inline }

    /// Element kinds by name. libxml2 keeps one copy of each name per document, so the document
    /// remembers each name pointer's kind instead of every walk lowercasing and hashing names.
    /// A walk takes the table out of the document and gives it back when done, so that it works
    /// on a local dictionary: no copy on write, no exclusivity checks at every element.
    struct ElementNames: ~Copyable {
        let document: HTMLDocument
        private var known: [UnsafeRawPointer?: Kind]

        init(_ document: HTMLDocument) {
            self.document = document
            known = document.elementKinds
            document.elementKinds = [:]
        }

        deinit { document.elementKinds = known }

        mutating func kind(of node: xmlNodePtr) -> Kind {
            let name = node.pointee.name
            if let kind = known[UnsafeRawPointer(name)] { return kind }
            let lowered = name.map { String(cString: $0).lowercased() } ?? ""
            let kind: Kind = VisibleText.skipped.contains(lowered) ? .skipped : VisibleText.blocks.contains(lowered) ? .block : .inline
            known[UnsafeRawPointer(name)] = kind
            return kind
        }
    }
}

extension String {
    /// Runs of spaces and tabs become one space; runs of line breaks (with spaces) become one "\n".
    var collapsingWhitespace: String {
        var copy = self
        if let simple = copy.withUTF8({ SimpleText.collapsingWhitespace($0) }) { return simple }
        var result = ""
        result.reserveCapacity(count)
        var pendingSpace = false, pendingBreak = false
        for character in self {
            if character.isNewline { pendingBreak = true; continue }
            if character.isWhitespace { pendingSpace = true; continue }
            if pendingBreak, !result.isEmpty { result.append("\n") } else if pendingSpace, !result.isEmpty { result.append(" ") }
            pendingBreak = false; pendingSpace = false
            result.append(character)
        }
        return result
    }
}
