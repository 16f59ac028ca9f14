/// A terminal size in cells. Never negative: every initialiser clamps, so arithmetic
/// on tiny terminals cannot produce a size that crashes an allocation or a range.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var description: String { "\(width)×\(height)" }

    /// True when this size is at least `minimum` in both directions.
    public func fits(_ minimum: Size) -> Bool { width >= minimum.width && height >= minimum.height }
}

/// Spacing removed from each side of a rectangle.
public struct Margin: Hashable, Sendable {
    public var top: Int, right: Int, bottom: Int, left: Int

    public init(top: Int, right: Int, bottom: Int, left: Int) {
        self.top = top; self.right = right; self.bottom = bottom; self.left = left
    }

    public init(all: Int) { self.init(top: all, right: all, bottom: all, left: all) }
    public init(horizontal: Int, vertical: Int) {
        self.init(top: vertical, right: horizontal, bottom: vertical, left: horizontal)
    }
}

/// A rectangle of cells. Width and height are clamped to ≥ 0 on construction, and every
/// derived rectangle (`inset`, `intersection`, `centered`) stays inside its parent, so
/// layouts computed for a 1×1 terminal are merely empty, never invalid.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var right: Int { x + width }
    public var bottom: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var area: Int { width * height }
    public var size: Size { Size(width: width, height: height) }
    public var description: String { "(\(x),\(y) \(width)×\(height))" }

    /// Shrinks by a margin; a margin larger than the rectangle leaves an empty rectangle
    /// anchored inside it.
    public func inset(by m: Margin) -> Rect {
        let left = min(max(0, m.left), width), top = min(max(0, m.top), height)
        return Rect(x: x + left, y: y + top,
                    width: width - left - max(0, m.right), height: height - top - max(0, m.bottom))
    }

    public func inset(_ all: Int) -> Rect { inset(by: Margin(all: all)) }

    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(right, other.right), y1 = min(bottom, other.bottom)
        guard x1 > x0, y1 > y0 else { return Rect(x: x0, y: y0, width: 0, height: 0) }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < right && py >= y && py < bottom }

    /// A rectangle of at most the given size, centred in this one (dialogs, notices).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width), ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The one-row rectangle at row offset `dy`, or empty when out of range.
    public func row(_ dy: Int) -> Rect {
        guard dy >= 0, dy < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + dy, width: width, height: 1)
    }
}
