import Dispatch
import Foundation
import Testing
@testable import ThawTensor

/// Throughput of `Im2Col.lower` on ResNet-18 CIFAR shapes; prints numbers, asserts nothing.
/// Opt in with `THAW_KERNEL_BENCH=1 swift test --filter KernelThroughput` (the kernels are
/// built with -O even in debug, so the numbers are meaningful from `swift test`).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["THAW_KERNEL_BENCH"] == "1"))
struct KernelThroughputTests {
    @Test(arguments: [
        ("layer1 (32,64,32,32) 3×3 pad 1", 64, 32),
        ("layer3 (32,256,16,16) 3×3 pad 1", 256, 16),
    ])
    func lowerBandwidth(_ name: String, _ channels: Int, _ size: Int) {
        let batch = 32
        let geometry = WindowGeometry(kernel: 3, padding: 1)
        let inputCount = batch * channels * size * size
        let colsCount = channels * 9 * batch * size * size
        let input = UnsafeMutablePointer<Float>.allocate(capacity: inputCount)
        let cols = UnsafeMutablePointer<Float>.allocate(capacity: colsCount)
        defer { input.deallocate(); cols.deallocate() }
        input.initialize(repeating: 1, count: inputCount)
        for threads in [1, 2] {
            var best = Double.infinity
            for _ in 0..<12 {
                let start = DispatchTime.now().uptimeNanoseconds
                Im2Col.lower(
                    input: input, batch: batch, channels: channels, height: size, width: size,
                    channelRange: 0..<channels, geometry: geometry, into: cols, threads: threads)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            let rate = Double(colsCount * 4) / best / 1e9
            print("Im2Col.lower \(name), threads \(threads): \(String(format: "%.2f", best * 1e3)) ms, "
                + "\(String(format: "%.1f", rate)) GB/s of cols written (best of 12)")
        }
    }

    @Test(arguments: [("cnn-28 pool1 (64,32,28,28) 2×2", 32, 28, 2, 2, 0), ("ResNet stem (8,64,112,112) 3×3 s2 p1", 64, 112, 3, 2, 1)])
    func maxPoolThroughput(_ name: String, _ channels: Int, _ size: Int, _ kernel: Int, _ stride: Int, _ pad: Int) {
        let batch = name.hasPrefix("cnn") ? 64 : 8
        let geometry = WindowGeometry(kernel: kernel, stride: stride, padding: pad)
        let out = geometry.outputSize(height: size, width: size)
        let inputCount = batch * channels * size * size, outputCount = batch * channels * out.height * out.width
        let input = UnsafeMutablePointer<Float>.allocate(capacity: inputCount)
        let output = UnsafeMutablePointer<Float>.allocate(capacity: outputCount)
        let argmax = UnsafeMutablePointer<Int32>.allocate(capacity: outputCount)
        defer { input.deallocate(); output.deallocate(); argmax.deallocate() }
        var generator = SeededGenerator(seed: 1)
        for i in 0..<inputCount { input[i] = generator.nextUniform() }
        var best = Double.infinity
        for _ in 0..<12 {
            let start = DispatchTime.now().uptimeNanoseconds
            maxPool2dForward(input: input, batch: batch, channels: channels, height: size, width: size,
                             geometry: geometry, output: output, argmax: argmax, threads: 1)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print("maxPool2dForward \(name): \(String(format: "%.2f", best * 1e3)) ms, "
            + "\(String(format: "%.1f", Double(inputCount * 4) / best / 1e9)) GB/s of input read (best of 12, 1 thread)")
    }
}
