/// Cursor movement shared by every list: the same keys move the same way everywhere.
enum Navigation {
    /// Rows a page key moves: the body height less chrome, at least one.
    static func page(_ state: AppState) -> Int { Swift.max(1, state.size.height - 8) }

    /// The cursor after a movement action over `count` rows; nil when `action` is not one.
    static func moved(_ cursor: Int, _ action: Action, count: Int, page: Int) -> Int? {
        let last = Swift.max(0, count - 1)
        let next: Int
        switch action {
        case .up: next = cursor - 1
        case .down: next = cursor + 1
        case .top: next = 0
        case .bottom: next = last
        case .pageUp: next = cursor - page
        case .pageDown: next = cursor + page
        default: return nil
        }
        return Swift.min(Swift.max(0, next), last)
    }

    /// Scrolls a detail pane (no upper bound known here; render clamps).
    static func scrolled(_ offset: Int, _ action: Action, page: Int) -> Int? {
        switch action {
        case .up: Swift.max(0, offset - 1)
        case .down: offset + 1
        case .top: 0
        case .bottom: offset + 1000
        case .pageUp: Swift.max(0, offset - page)
        case .pageDown: offset + page
        default: nil
        }
    }
}
