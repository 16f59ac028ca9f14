import Foundation

/// How many colours the terminal can show; decides how far theme colours are mapped down.
public enum ColorDepth: Int, Comparable, Hashable, Sendable, CaseIterable {
    case monochrome, ansi8, ansi16, indexed256, trueColor

    /// From what curses reports (`has_colors()`, `COLORS`).
    public init(colorCount: Int, hasColors: Bool = true) {
        switch colorCount {
        case _ where !hasColors: self = .monochrome
        case ..<8: self = .monochrome
        case ..<16: self = .ansi8
        case ..<256: self = .ansi16
        case ..<(1 << 24): self = .indexed256
        default: self = .trueColor
        }
    }

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
}

/// Maps colours to what a terminal of a given depth can show, choosing the nearest
/// candidate perceptually (in Oklab), not by RGB distance, which would rank a dark blue
/// closer to black than to blue.
public enum ColorMapping {
    public static func map(_ color: Color, to depth: ColorDepth) -> Color {
        switch (color, depth) {
        case (.default, _), (_, .monochrome): return .default
        case (.ansi(let i), .ansi8): return .ansi(i & 7)
        case (.ansi, _): return color
        case (.indexed(let i), _) where i < 16: return map(.ansi(i), to: depth)
        case (.indexed, .indexed256), (.indexed, .trueColor): return color
        case (.indexed(let i), _): return map(Palette256.rgb(ofIndex: i).color, to: depth)
        case (.rgb, .trueColor): return color
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(nearest256(RGB(r, g, b)))
        case (.rgb(let r, let g, let b), .ansi16): return .ansi(nearestANSI(RGB(r, g, b), count: 16))
        case (.rgb(let r, let g, let b), .ansi8): return .ansi(nearestANSI(RGB(r, g, b), count: 8))
        }
    }

    /// Nearest entry of the 6×6×6 cube or the grey ramp (16–255). Slots 0–15 are skipped
    /// because users redefine them; the cube is the same on every xterm-compatible terminal.
    public static func nearest256(_ c: RGB) -> UInt8 {
        func nearestLevel(_ v: UInt8) -> Int {
            Palette256.cubeLevels.indices.min { abs(Int(Palette256.cubeLevels[$0]) - Int(v)) < abs(Int(Palette256.cubeLevels[$1]) - Int(v)) }!
        }
        let cube = 16 + 36 * nearestLevel(c.r) + 6 * nearestLevel(c.g) + nearestLevel(c.b)
        let average = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let grey = 232 + min(23, max(0, (average - 3) / 10))
        let target = Oklab(c)
        let dCube = target.distance(to: Oklab(Palette256.rgb(ofIndex: UInt8(cube))))
        let dGrey = target.distance(to: Oklab(Palette256.rgb(ofIndex: UInt8(grey))))
        return UInt8(dGrey < dCube ? grey : cube)
    }

    /// Nearest of the first `count` (8 or 16) palette slots, using xterm's default values.
    ///
    /// Plain Oklab distance fails here: the palette's colours are far more saturated than
    /// theme colours, so distance is dominated by chroma and a pastel green lands on yellow.
    /// What a reader perceives as "the same colour" on a tiny palette is the hue, so near-grey
    /// colours (low chroma) pick black/white (and the greys of 16) by lightness, and other
    /// colours pick the closest hue, with lightness as a tie-breaker (red vs bright red).
    public static func nearestANSI(_ c: RGB, count: Int) -> UInt8 {
        let n = min(16, max(8, count))
        let target = Oklab(c)
        let neutral = [0, 7, 8, 15].filter { $0 < n }
        if target.chroma < 0.05 {
            return UInt8(neutral.min { abs(target.l - Oklab(Palette256.base16[$0]).l) < abs(target.l - Oklab(Palette256.base16[$1]).l) }!)
        }
        func score(_ i: Int) -> Double {
            let p = Oklab(Palette256.base16[i])
            var dh = abs(target.hue - p.hue).truncatingRemainder(dividingBy: 2 * Double.pi)
            if dh > Double.pi { dh = 2 * Double.pi - dh }
            return dh + 0.5 * abs(target.l - p.l)
        }
        return UInt8((0..<n).filter { !neutral.contains($0) }.min { score($0) < score($1) }!)
    }
}

/// Björn Ottosson's Oklab: a perceptual colour space where straight-line distance
/// approximates how different two colours look.
struct Oklab {
    let l: Double, a: Double, b: Double

    init(_ c: RGB) {
        func linear(_ v: UInt8) -> Double {
            let x = Double(v) / 255
            return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        let r = linear(c.r), g = linear(c.g), bl = linear(c.b)
        let lc = cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * bl)
        let mc = cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * bl)
        let sc = cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * bl)
        l = 0.2104542553 * lc + 0.7936177850 * mc - 0.0040720468 * sc
        a = 1.9779984951 * lc - 2.4285922050 * mc + 0.4505937099 * sc
        b = 0.0259040371 * lc + 0.7827717662 * mc - 0.8086757660 * sc
    }

    var chroma: Double { (a * a + b * b).squareRoot() }
    var hue: Double { atan2(b, a) }

    func distance(to o: Oklab) -> Double {
        let dl = l - o.l, da = a - o.a, db = b - o.b
        return (dl * dl + da * da + db * db).squareRoot()
    }
}
