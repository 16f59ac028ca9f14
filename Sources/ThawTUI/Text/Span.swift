/// A run of text in one style. Widgets take spans rather than strings so that a caller can
/// colour part of a line (a value in `success`, a unit in `muted`) without a widget per word.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public init(_ text: String, role: ThemeRole, flags: StyleFlags = []) {
        self.init(text, style: Style(fg: .role(role), flags: flags))
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var width: Int { CharWidth.width(of: text) }
}

/// Horizontal placement of a line inside its rectangle.
public enum Alignment: Hashable, Sendable {
    case left, center, right

    /// Column offset for content of `contentWidth` in a space `width` wide (never negative).
    public func offset(contentWidth: Int, in width: Int) -> Int {
        let free = max(0, width - contentWidth)
        switch self {
        case .left: return 0
        case .center: return free / 2
        case .right: return free
        }
    }
}

/// One line of styled spans.
public struct Line: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]
    public var alignment: Alignment

    public init(_ spans: [Span], alignment: Alignment = .left) {
        self.spans = spans
        self.alignment = alignment
    }

    public init(_ text: String, style: Style = .plain, alignment: Alignment = .left) {
        self.init([Span(text, style: style)], alignment: alignment)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var width: Int { spans.reduce(0) { $0 + $1.width } }
    public var plainText: String { spans.map(\.text).joined() }
}
