import CLibXML2

/// Collects the text a reader would see, walking the tree without recursion so that a
/// hostile page nested 100,000 levels deep cannot overflow the stack.
///
/// Block elements become line breaks, so text from two table cells or list items never merges
/// into one false phone number or address; adjacent inline texts are joined with a space.
enum VisibleText {
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "head", "svg", "iframe", "object"]
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article", "header",
        "footer", "nav", "aside", "main", "h1", "h2", "h3", "h4", "h5", "h6", "address", "dd", "dt",
        "dl", "form", "fieldset", "blockquote", "pre", "hr", "figure", "figcaption", "option", "body",
    ]

    /// The text of `element`, leaving out the subtrees `skip` selects (posts, owner-written fields).
    static func of(_ element: HTMLElement, skipping skip: ((HTMLElement) -> Bool)? = nil) -> String {
        var output = ""
        var stack: [(node: xmlNodePtr, leaving: Bool)] = [(element.node, false)]
        while let (node, leaving) = stack.popLast() {
            let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            if leaving {
                if blocks.contains(name) { output.append("\n") }
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
            case XML_ELEMENT_NODE where !skipped.contains(name):
                if let skip, node != element.node, skip(HTMLElement(node: node, document: element.document)) { continue }
                if blocks.contains(name) { output.append("\n") }
                stack.append((node, true))
                var children: [xmlNodePtr] = []
                var child = node.pointee.children
                while let current = child { children.append(current); child = current.pointee.next }
                stack.append(contentsOf: children.reversed().map { ($0, false) })
            default:
                break
            }
        }
        return output
    }
}

extension String {
    /// Runs of spaces and tabs become one space; runs of line breaks (with spaces) become one "\n".
    var collapsingWhitespace: String {
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
