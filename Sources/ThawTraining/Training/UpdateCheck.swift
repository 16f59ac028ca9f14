import Foundation
import ThawNN
import ThawTensor

/// Decides whether one step's parameter updates may stand.
enum UpdateCheck {
    /// Nil when every updated value is finite and the whole update is no larger than
    /// `maximumRelativeUpdate` × the weights' norm; otherwise where it went wrong.
    static func problem(_ updates: [(key: String, parameter: Parameter, before: Tensor, rate: Double)],
                        maximumRelativeUpdate: Double) -> String? {
        var moved = 0.0, size = 0.0
        var worst: (key: String, ratio: Double, rate: Double)?
        for (key, parameter, before, rate) in updates {
            let after = parameter.value
            guard after.isFinite else { return "the update of \(key) (learning rate \(rate))" }
            var delta = 0.0, norm = 0.0
            after.withUnsafeBufferPointer { a in
                before.withUnsafeBufferPointer { b in
                    for i in 0..<a.count {
                        let d = Double(a[i]) - Double(b[i])
                        delta += d * d
                        norm += Double(b[i]) * Double(b[i])
                    }
                }
            }
            moved += delta
            size += norm
            let ratio = delta.squareRoot() / (norm.squareRoot() + 1e-12)
            if worst == nil || ratio > worst!.ratio { worst = (key, ratio, rate) }
        }
        guard moved.squareRoot() > maximumRelativeUpdate * (size.squareRoot() + 1e-6), let worst else { return nil }
        let factor = moved.squareRoot() / (size.squareRoot() + 1e-6)
        return "the update of \(worst.key) (the step would move the weights by \(String(format: "%.3g", factor))× their size; learning rate \(worst.rate))"
    }
}
