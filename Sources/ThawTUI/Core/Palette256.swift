/// xterm's default 256-colour palette, needed to compare an indexed colour with an RGB one.
/// The first 16 entries are what xterm ships; real terminals differ, which is why a theme
/// that names `ansi` slots is never re-mapped by colour distance when the terminal has them.
enum Palette256 {
    /// The six levels of each axis of the 6×6×6 cube (indices 16–231).
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    static let base16: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    static func rgb(ofIndex index: UInt8) -> RGB {
        switch index {
        case 0..<16:
            return base16[Int(index)]
        case 16..<232:
            let n = Int(index) - 16
            return RGB(cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return RGB(level, level, level)
        }
    }
}
