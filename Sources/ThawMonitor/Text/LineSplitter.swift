/// Cuts a growing text file into lines as bytes arrive. A line is complete at its newline;
/// the bytes after the last newline are carried until the rest arrives (a writer may be
/// halfway through a line). A line longer than `maximumLine` is dropped as it streams past,
/// so memory stays bounded whatever the file holds.
struct LineSplitter: Equatable, Sendable {
    static let maximumLine = 1 << 20

    private var carry: [UInt8] = []
    /// Inside an over-long line: skip to its newline.
    private var discarding = false
    /// 1-based number of the next line.
    private(set) var lineNumber = 1
    /// File offset of the start of the next line.
    private(set) var offset = 0

    /// Bytes held back: a line without its newline yet.
    var pendingCount: Int { carry.count }

    /// What `feed` finds, in file order.
    enum Piece {
        /// A complete line (without its newline or a trailing CR) and its number.
        case line(ArraySlice<UInt8>, Int)
        /// The line with this number was longer than `maximumLine` and is skipped.
        case tooLong(Int)
    }

    mutating func feed(_ chunk: ArraySlice<UInt8>, _ handle: (Piece) -> Void) {
        var start = chunk.startIndex
        while let newline = chunk[start...].firstIndex(of: 0x0A) {
            let piece = chunk[start..<newline]
            if discarding {
                discarding = false
            } else if carry.isEmpty {
                handle(.line(trimCR(piece), lineNumber))
            } else if carry.count + piece.count <= Self.maximumLine {
                carry.append(contentsOf: piece)
                handle(.line(trimCR(carry[...]), lineNumber))
            } else {
                handle(.tooLong(lineNumber))
            }
            carry.removeAll(keepingCapacity: carry.count <= 4096)
            offset += newline - start + 1
            lineNumber += 1
            start = newline + 1
        }
        let rest = chunk[start...]
        guard !discarding else {
            offset += rest.count
            return
        }
        if carry.count + rest.count > Self.maximumLine {
            handle(.tooLong(lineNumber))
            offset += carry.count + rest.count
            carry.removeAll()
            discarding = true
        } else {
            carry.append(contentsOf: rest)
        }
    }

    /// Gives up waiting for the newline: hands over the carried bytes as the last line (for
    /// files that end without one) and forgets them.
    mutating func takePending() -> (ArraySlice<UInt8>, Int)? {
        guard !carry.isEmpty else { return nil }
        defer {
            offset += carry.count
            carry.removeAll()
        }
        return (trimCR(carry[...]), lineNumber)
    }

    private func trimCR(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes.last == 0x0D ? bytes.dropLast() : bytes
    }
}
