import CLibXML2

/// An element of an `HTMLDocument`. Holds its document, so the node stays valid as long as
/// the element does; all values are copied out into Swift strings.
public struct HTMLElement {
    let node: xmlNodePtr
    public let document: HTMLDocument

    init(node: xmlNodePtr, document: HTMLDocument) {
        self.node = node
        self.document = document
    }

    /// Lowercase tag name (`a`, `footer`).
    public var name: String { node.pointee.name.map { String(cString: $0) } ?? "" }

    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { pageaudit_xml_free(value) }
        return String(cString: value)
    }

    /// Whether the element has the attribute, as XPath's `[@name]` tests it: present, even if empty.
    public func hasAttribute(_ name: String) -> Bool {
        var attribute = node.pointee.properties
        while let current = attribute {
            if current.pointee.ns == nil || current.pointee.ns.pointee.href == nil, xmlStrEqual(current.pointee.name, name) != 0 { return true }
            attribute = current.pointee.next
        }
        return false
    }

    /// Every text inside the element, concatenated, as libxml2 gives it (scripts included).
    public var rawText: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { pageaudit_xml_free(content) }
        return String(cString: content)
    }

    /// The text a reader sees: without scripts and styles, whitespace collapsed.
    public var visibleText: String { VisibleText.collapsed(self) }

    public var parent: HTMLElement? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLElement(node: parent, document: document)
    }

    /// Ancestors from the nearest outward.
    public var ancestors: some Sequence<HTMLElement> {
        sequence(first: self) { $0.parent }.dropFirst()
    }

    /// Child elements, in order.
    public var children: [HTMLElement] {
        var result: [HTMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(HTMLElement(node: current, document: document)) }
            child = current.pointee.next
        }
        return result
    }

    /// Descendant elements matching an XPath relative to this element (`.//a[@href]`).
    public func select(_ xpath: String) -> [HTMLElement] { document.select(xpath, from: node) }

    /// Class names, split on whitespace, lowercased.
    public var classNames: [String] {
        (attribute("class") ?? "").lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }
}
