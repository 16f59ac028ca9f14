import Testing
@testable import ThawCurses
@testable import ThawTUI

@Suite struct KeyDecoderTests {
    @Test(arguments: [
        ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}[1~", .home), ("\u{1B}[4~", .end),
        ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[3~", .delete), ("\u{1B}[2~", .insert),
        ("\u{1B}[Z", .backTab), ("\u{1B}OP", .function(1)), ("\u{1B}OS", .function(4)), ("\u{1B}[15~", .function(5)),
        ("\u{1B}[17~", .function(6)), ("\u{1B}[21~", .function(10)), ("\u{1B}[24~", .function(12)),
        ("\u{1B}[[A", .function(1)), ("\u{1B}[1;5A", .up), ("\u{1B}[1;2P", .function(1)),
        ("\u{1B}x", .alt("x")), ("\u{1B}X", .alt("X")), ("\u{1B}", .escape),
        ("\r", .enter), ("\n", .enter), ("\t", .tab), ("\u{7F}", .backspace), ("\u{08}", .backspace),
        ("\u{03}", .ctrl("c")), ("\u{1A}", .ctrl("z")), ("\u{00}", .ctrl(" ")), ("\u{1C}", .ctrl("\\")),
        ("é", .char("é")), ("日", .char("日")), ("q", .char("q")),
    ])
    func decodesOneKey(input: String, expected: Key) {
        #expect(KeyDecoder.decode(input) == [expected])
    }

    @Test func decodesBursts() {
        #expect(KeyDecoder.decode("\u{1B}\u{1B}") == [.escape, .escape])
        #expect(KeyDecoder.decode("\u{1B}[A\u{1B}[Bq") == [.up, .down, .char("q")])
        #expect(KeyDecoder.decode("ab") == [.char("a"), .char("b")])
        #expect(KeyDecoder.decode("\u{1B}\u{1B}[A") == [.escape, .up])
    }

    @Test func incompleteAndUnknownSequences() {
        #expect(KeyDecoder.decode("\u{1B}[") == [.unknown("ESC [")])
        #expect(KeyDecoder.decode("\u{1B}[99~") == [.unknown("ESC [ 9 9 ~")])
        #expect(KeyDecoder.decode("\u{1B}O") == [.alt("O")])
        #expect(KeyDecoder.decode("\u{1B}[1;5") == [.unknown("ESC [ 1 ; 5")])
    }

    @Test func cursesKeyCodes() {
        #expect(CursesKeyCodes.key(for: 259) == .up)  // KEY_UP
        #expect(CursesKeyCodes.key(for: 410) == .resize)  // KEY_RESIZE
        #expect(CursesKeyCodes.key(for: 264 + 5) == .function(5))  // KEY_F(5)
        #expect(CursesKeyCodes.key(for: 353) == .backTab)  // KEY_BTAB
        #expect(CursesKeyCodes.key(for: 9999) == .unknown("key code 9999"))
    }
}

@Suite struct KeymapTests {
    static let keymap = Keymap([
        KeyBinding(keys: [.char("q"), .escape], action: "quit", description: "Quit"),
        KeyBinding(keys: [.char(" ")], action: "train.pause", description: "Pause", group: "Training"),
        KeyBinding(keys: [.ctrl("s")], action: "train.save", description: "Save", group: "Training"),
        KeyBinding(keys: [.char("q")], action: "shadowed", description: "Never"),
    ])

    @Test func lookup() {
        #expect(KeymapTests.keymap.action(for: .char("q")) == "quit")
        #expect(KeymapTests.keymap.action(for: .escape) == "quit")
        #expect(KeymapTests.keymap.action(for: .ctrl("s")) == "train.save")
        #expect(KeymapTests.keymap.action(for: .char("x")) == nil)
        #expect(KeymapTests.keymap.binding(for: "train.pause")?.group == "Training")
    }

    @Test func conflictsAreReported() {
        let conflicts = KeymapTests.keymap.conflicts
        #expect(conflicts.count == 1)
        #expect(conflicts[0].key == .char("q"))
        #expect(conflicts[0].actions == ["quit", "shadowed"])
    }

    @Test func helpTextComesFromTheKeymap() {
        let hints = KeymapTests.keymap.hints(for: ["train.pause", "quit"])
        #expect(hints == [KeyHint(key: "Space", description: "Pause"), KeyHint(key: "q", description: "Quit")])
        #expect(KeymapTests.keymap.hints(allKeys: true).first == KeyHint(key: "q/Esc", description: "Quit"))
        let lines = KeymapTests.keymap.helpLines().map(\.plainText)
        #expect(lines == ["General", "  q/Esc  Quit", "  q      Never", "", "Training", "  Space  Pause", "  ^S     Save"])
    }

    @Test func keysParseFromText() {
        #expect(Key(parsing: "ctrl-c") == .ctrl("c"))
        #expect(Key(parsing: "C-X") == .ctrl("x"))
        #expect(Key(parsing: "alt-x") == .alt("x"))
        #expect(Key(parsing: "f12") == .function(12))
        #expect(Key(parsing: "PgUp") == .pageUp)
        #expect(Key(parsing: "shift-tab") == .backTab)
        #expect(Key(parsing: "space") == .char(" "))
        #expect(Key(parsing: "Q") == .char("Q"))
        #expect(Key(parsing: "hyper-x") == nil)
        #expect(Key.up.label(.ascii) == "Up")
        #expect(Key.up.label(.unicode) == "↑")
    }

    @Test func textInputEditing() {
        var s = TextInputState("hello world")
        s = s.applying(.ctrl("w"))!
        #expect(s.text == "hello " && s.cursor == 6)
        s = s.applying(.home)!.applying(.char("X"))!
        #expect(s.text == "Xhello " && s.cursor == 1)
        s = s.applying(.ctrl("k"))!
        #expect(s.text == "X")
        s = s.inserting("日本\u{7}").movingLeft().deletingBackward()
        #expect(s.text == "X本" && s.cursor == 1)
        #expect(s.applying(.enter) == nil)
        #expect(TextInputState("abcdef", cursor: 6).scrollStart(width: 4) == 3)
        #expect(TextInputState("", cursor: 9).cursor == 0)
    }
}
