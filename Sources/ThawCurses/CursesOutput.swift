import CNCurses
import ThawTUI

/// Per-screen drawing caches: the style resolver for the current theme and depth, the
/// colour pairs allocated so far, and the curses attributes of each style seen.
struct CursesOutputState {
    struct PairKey: Hashable {
        var fg: Int16, bg: Int16
    }

    var resolver: StyleResolver?
    var pairs: [PairKey: Int16] = [:]
    var maxPairs = 0
    /// Pairs wanted after the table was full; drawn with pair 0 (terminal defaults).
    var pairMisses = 0
    var styles: [Cell.StyleKeyForCurses: (attrs: attr_t, pair: Int16)] = [:]
}

extension Cell {
    /// The part of a cell that decides its curses attributes and colour pair.
    struct StyleKeyForCurses: Hashable {
        var fg: Paint, bg: Paint, flags: StyleFlags
    }
}

extension CursesBackend {
    public func draw(_ runs: [CellRun], theme: Theme) {
        guard !isClosed else { return }
        if output.resolver?.theme != theme || output.resolver?.depth != colorDepth {
            output.resolver = StyleResolver(theme: theme, depth: colorDepth)
            output.styles = [:]
        }
        var cch = cchar_t()
        var wide = [wchar_t](repeating: 0, count: 6)
        var lastKey: Cell.StyleKeyForCurses? = nil
        var current: (attrs: attr_t, pair: Int16) = (0, 0)
        for run in runs {
            for (i, cell) in run.cells.enumerated() where !cell.isContinuation {
                let key = Cell.StyleKeyForCurses(fg: cell.fg, bg: cell.bg, flags: cell.flags)
                if key != lastKey {
                    current = cursesStyle(for: cell, key: key)
                    lastKey = key
                }
                var n = 0
                for scalar in cell.symbol.unicodeScalars where n < 5 {
                    wide[n] = wchar_t(asciiOnly && scalar.value > 0x7E ? 0x3F : scalar.value)
                    n += 1
                    if asciiOnly { break }
                }
                if n == 0 { wide[0] = 0x20; n = 1 }
                wide[n] = 0
                setcchar(&cch, wide, current.attrs, current.pair, nil)
                // Writing the bottom-right cell returns ERR (the cursor cannot advance) but
                // still draws it; nothing to handle.
                mvwadd_wch(window, Int32(run.y), Int32(run.x + i), &cch)
            }
        }
    }

    private func cursesStyle(for cell: Cell, key: Cell.StyleKeyForCurses) -> (attrs: attr_t, pair: Int16) {
        if let known = output.styles[key] { return known }
        let resolved = output.resolver!.resolve(cell)
        var attrs = thaw_a_normal()
        if resolved.flags.contains(.bold) { attrs |= thaw_a_bold() }
        if resolved.flags.contains(.dim) { attrs |= thaw_a_dim() }
        if resolved.flags.contains(.italic) { attrs |= thaw_a_italic() }
        if resolved.flags.contains(.underline) { attrs |= thaw_a_underline() }
        if resolved.flags.contains(.reverse) { attrs |= thaw_a_reverse() }
        let pair = colorDepth == .monochrome ? 0 : pairNumber(fg: resolved.fg, bg: resolved.bg)
        output.styles[key] = (attrs, pair)
        return (attrs, pair)
    }

    /// Allocates colour pairs on first use: a theme needs a few dozen of the 256–32767 a
    /// terminal offers. When they run out, new combinations fall back to the default pair
    /// rather than recycling one that cells on screen still use.
    private func pairNumber(fg: Color, bg: Color) -> Int16 {
        let key = CursesOutputState.PairKey(fg: curses(fg), bg: curses(bg))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let pair = output.pairs[key] { return pair }
        let next = output.pairs.count + 1
        guard next < output.maxPairs else {
            output.pairMisses += 1
            return 0
        }
        init_pair(Int16(next), key.fg, key.bg)
        output.pairs[key] = Int16(next)
        return Int16(next)
    }

    /// curses colour number; -1 is the terminal default (enabled by use_default_colors).
    private func curses(_ color: Color) -> Int16 {
        switch color {
        case .default: -1
        case .ansi(let i), .indexed(let i): Int16(i)
        case .rgb(let r, let g, let b): Int16(ColorMapping.nearest256(RGB(r, g, b)))
        }
    }
}
