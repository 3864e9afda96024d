import CLibXML2
import Foundation

/// A parsed HTML page. libxml2 parses with recovery (pages are rarely valid), never touches the
/// network, and never expands external entities: the pages we read are written by the audited.
///
/// Elements keep the document alive, so a node pointer can never outlive its tree.
public final class HTMLDocument {
    let pointer: htmlDocPtr
    /// The address the page was captured from.
    public let address: WebAddress
    /// The address relative links resolve against: `<base href>` when the page sets one.
    public private(set) var baseAddress: WebAddress
    /// The encoding the bytes were decoded with, and why.
    public let charset: CharsetDetector.Decision

    public init(bytes: Data, address: WebAddress, contentType: String?) throws(HTMLParseError) {
        Self.silenceLibXMLOnce
        let decision = CharsetDetector().decide(for: bytes, contentType: contentType)
        // XML_PARSE_HUGE: without it libxml2 stops at the first text node over 10 MB and drops the
        // rest of the page, so a page could hide its contacts (or their absence) behind filler.
        // The capture limits bound the input instead.
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
            | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue) | Int32(XML_PARSE_HUGE.rawValue)
        guard bytes.count < Int(Int32.max) else { throw .tooLarge(bytes: bytes.count) }
        // libxml2 needs a non-empty buffer even for an empty page.
        let payload = bytes.isEmpty ? Data(" ".utf8) : bytes
        let document = payload.withUnsafeBytes { buffer -> htmlDocPtr? in
            let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
            return htmlReadMemory(base, Int32(buffer.count), address.description, decision.charset, options)
        }
        guard let document else { throw .unparseable(address: address.description) }
        self.pointer = document
        self.address = address
        self.charset = decision
        self.baseAddress = address
        if let href = elements(named: "base").first(where: { $0.hasAttribute("href") })?.attribute("href"),
           let base = WebAddress(link: href, relativeTo: address) {
            baseAddress = base
        }
    }

    deinit { xmlFreeDoc(pointer) }

    /// The root `<html>` element, if the parser produced one.
    public var root: HTMLElement? {
        xmlDocGetRootElement(pointer).map { HTMLElement(node: $0, document: self) }
    }

    /// Elements matching an XPath 1.0 expression; an invalid expression matches nothing.
    public func select(_ xpath: String) -> [HTMLElement] { select(xpath, from: nil) }

    /// Evaluates an expression with `context` as the context node (the document when nil).
    func select(_ xpath: String, from context: xmlNodePtr?) -> [HTMLElement] {
        guard let xpathContext = xmlXPathNewContext(pointer) else { return [] }
        defer { xmlXPathFreeContext(xpathContext) }
        if let context { xpathContext.pointee.node = context }
        guard let result = xmlXPathEvalExpression(xpath, xpathContext) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let nodeSet = result.pointee.nodesetval, nodeSet.pointee.nodeNr > 0 else { return [] }
        return (0..<Int(nodeSet.pointee.nodeNr)).compactMap { index in
            guard let node = nodeSet.pointee.nodeTab[index], node.pointee.type == XML_ELEMENT_NODE else { return nil }
            return HTMLElement(node: node, document: self)
        }
    }

    /// Elements with one of these tag names, in document order: what `//a | //area` selects.
    /// The readers of every page ask for links, scripts and frames; one walk of the tree answers
    /// them all, where each XPath query would walk it again.
    public func elements(named names: String...) -> [HTMLElement] {
        let names = names.map { Array($0.utf8) }
        return elementNodes.compactMap { node in
            guard node.pointee.ns == nil, let name = node.pointee.name, names.contains(where: { Self.equal(name, $0) }) else { return nil }
            return HTMLElement(node: node, document: self)
        }
    }

    /// Whether a C string from libxml2 holds exactly these bytes.
    static func equal(_ name: UnsafePointer<xmlChar>, _ bytes: [UInt8]) -> Bool {
        for (i, byte) in bytes.enumerated() where name[i] != byte { return false }
        return name[bytes.count] == 0
    }

    /// Every element of the tree in document order, the way XPath's descendant axis visits them.
    private lazy var elementNodes: [xmlNodePtr] = {
        var found: [xmlNodePtr] = []
        var stack: [xmlNodePtr] = []
        var child = pointer.pointee.last
        while let current = child { stack.append(current); child = current.pointee.prev }
        while let node = stack.popLast() {
            if node.pointee.type == XML_DTD_NODE || node.pointee.type == XML_ENTITY_DECL { continue }
            if node.pointee.type == XML_ELEMENT_NODE { found.append(node) }
            var child = node.pointee.last
            while let current = child { stack.append(current); child = current.pointee.prev }
        }
        return found
    }()

    /// Resolves a link found on this page against its base address; nil unless it is http(s).
    /// Several readers resolve the same links of a page, and resolving costs far more than a lookup.
    /// Where `<meta http-equiv="refresh" content="N; url=…">` sends the reader, if it sends it to
    /// an http(s) page within 10 seconds (a longer delay is a page meant to be read first).
    public var metaRefreshTarget: WebAddress? {
        for meta in elements(named: "meta") where meta.attribute("http-equiv")?.lowercased() == "refresh" {
            guard let content = meta.attribute("content") else { continue }
            let parts = content.split(separator: ";", maxSplits: 1)
            guard let delay = Double(parts[0].trimmingCharacters(in: .whitespaces)), delay <= 10, parts.count == 2 else { continue }
            var target = parts[1].trimmingCharacters(in: .whitespaces)
            if target.lowercased().hasPrefix("url") {
                target = String(target.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                guard target.hasPrefix("=") else { continue }
                target = String(target.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            target = target.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            guard let address = resolve(target), ["http", "https"].contains(address.url.scheme?.lowercased() ?? "") else { continue }
            return address
        }
        return nil
    }

    public func resolve(_ link: String) -> WebAddress? {
        let key = ExactText(link)
        if let known = resolved[key] { return known }
        let address = WebAddress(link: link, relativeTo: baseAddress)
        resolved[key] = address
        return address
    }

    /// `VisibleText`'s kind of each element name pointer of this tree.
    var elementKinds: [UnsafeRawPointer?: VisibleText.Kind] = [:]

    /// `resolve` answers by link text, misses included; `baseAddress` never changes after `init`.
    private var resolved: [ExactText: WebAddress?] = [:]

    /// Parser messages about hostile markup are expected and worthless on stderr.
    private static let silenceLibXMLOnce: Void = {
        pageaudit_xml_silence_errors()
        xmlInitParser()
    }()
}

public enum HTMLParseError: Error, Equatable, CustomStringConvertible {
    case unparseable(address: String)
    case tooLarge(bytes: Int)

    public var description: String {
        switch self {
        case .unparseable(let address): "libxml2 produced no document for \(address)"
        case .tooLarge(let bytes): "the page is \(bytes) bytes, more than libxml2 can take in one buffer"
        }
    }
}
