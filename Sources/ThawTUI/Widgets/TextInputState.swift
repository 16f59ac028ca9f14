/// The contents of a one-line text field and its cursor. Editing operations are pure
/// functions returning the new state, so `update` can apply them and tests can check
/// them without a widget.
public struct TextInputState: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// Insertion point, 0…characters.count (in grapheme clusters, never splitting one).
    public private(set) var cursor: Int

    public init(_ text: String = "", cursor: Int? = nil) {
        characters = Array(text)
        self.cursor = min(max(0, cursor ?? characters.count), characters.count)
    }

    public var text: String { String(characters) }

    public func inserting(_ text: String) -> TextInputState {
        var s = self
        let clean = text.filter { ch in ch.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } }
        s.characters.insert(contentsOf: clean, at: cursor)
        s.cursor += clean.count
        return s
    }

    public func deletingBackward() -> TextInputState {
        guard cursor > 0 else { return self }
        var s = self
        s.characters.remove(at: cursor - 1)
        s.cursor -= 1
        return s
    }

    public func deletingForward() -> TextInputState {
        guard cursor < characters.count else { return self }
        var s = self
        s.characters.remove(at: cursor)
        return s
    }

    public func moving(to position: Int) -> TextInputState {
        var s = self
        s.cursor = min(max(0, position), characters.count)
        return s
    }

    public func movingLeft() -> TextInputState { moving(to: cursor - 1) }
    public func movingRight() -> TextInputState { moving(to: cursor + 1) }
    public func movingHome() -> TextInputState { moving(to: 0) }
    public func movingEnd() -> TextInputState { moving(to: characters.count) }

    /// Start of the word before the cursor (skipping spaces first), as readline's Alt-B.
    public func wordStartBefore() -> Int {
        var i = cursor
        while i > 0, characters[i - 1] == " " { i -= 1 }
        while i > 0, characters[i - 1] != " " { i -= 1 }
        return i
    }

    /// End of the word after the cursor, as readline's Alt-F.
    public func wordEndAfter() -> Int {
        var i = cursor
        while i < characters.count, characters[i] == " " { i += 1 }
        while i < characters.count, characters[i] != " " { i += 1 }
        return i
    }

    /// Ctrl-W: delete the word before the cursor.
    public func deletingWordBackward() -> TextInputState {
        let start = wordStartBefore()
        var s = self
        s.characters.removeSubrange(start..<cursor)
        s.cursor = start
        return s
    }

    /// Ctrl-K: delete to the end of the line.
    public func killingToEnd() -> TextInputState {
        var s = self
        s.characters.removeSubrange(cursor...)
        return s
    }

    /// Ctrl-U: delete to the start of the line.
    public func killingToStart() -> TextInputState {
        var s = self
        s.characters.removeSubrange(..<cursor)
        s.cursor = 0
        return s
    }

    /// The state after an editing key, or nil when the key is not an editing key (so the
    /// caller can treat it as a command: Enter to submit, Esc to cancel).
    public func applying(_ key: Key) -> TextInputState? {
        switch key {
        case .char(let c): inserting(String(c))
        case .backspace, .ctrl("h"): deletingBackward()
        case .delete, .ctrl("d"): deletingForward()
        case .left, .ctrl("b"): movingLeft()
        case .right, .ctrl("f"): movingRight()
        case .home, .ctrl("a"): movingHome()
        case .end, .ctrl("e"): movingEnd()
        case .alt("b"): moving(to: wordStartBefore())
        case .alt("f"): moving(to: wordEndAfter())
        case .ctrl("w"): deletingWordBackward()
        case .ctrl("k"): killingToEnd()
        case .ctrl("u"): killingToStart()
        default: nil
        }
    }

    /// The first character to display so the cursor is visible in `width` columns, keeping
    /// the cursor's cell itself on screen.
    public func scrollStart(width: Int) -> Int {
        guard width > 1 else { return cursor }
        var start = 0
        var used = characters[..<cursor].reduce(0) { $0 + CharWidth.width(of: $1) }
        while start < cursor, used > width - 1 {
            used -= CharWidth.width(of: characters[start])
            start += 1
        }
        return start
    }
}
