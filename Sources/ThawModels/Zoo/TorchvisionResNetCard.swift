import ThawSafeTensors

/// Recognises a ResNet saved from torchvision (`safetensors.torch.save_file(model.state_dict(),
/// …)`) that has no Thaw card beside it, and writes the card its tensor names and shapes
/// imply, so such a file can be used as it is.
///
/// Everything the card says is read from the tensors except what a state dict cannot tell:
/// the source classes (numbered), and the input normalisation, taken to be ImageNet's for a
/// three-channel network with torchvision's stem (what every torchvision checkpoint uses).
/// Loading still checks every key and shape against the network built from this card, so a
/// wrong guess is refused, never half-loaded.
public enum TorchvisionResNetCard {
    static let imageNetMean: [Float] = [0.485, 0.456, 0.406]
    static let imageNetStd: [Float] = [0.229, 0.224, 0.225]

    /// (blocks per stage, bottleneck) → depth, for the depths Thaw builds.
    static let depths: [([Int], Bool, Int)] = [([2, 2, 2, 2], false, 18), ([3, 4, 6, 3], false, 34), ([3, 4, 6, 3], true, 50)]

    /// nil when the tensors do not look like a torchvision ResNet at all; throws (one line,
    /// naming `file`) when they do but Thaw cannot build that variant.
    public static func card(name: String, file: String, tensors: [SafeTensorInfo]) throws -> BackboneCard? {
        let shapes = Dictionary(tensors.map { ($0.name, $0.shape) }, uniquingKeysWith: { a, _ in a })
        guard let stem = shapes["conv1.weight"], shapes["bn1.running_mean"] != nil, shapes["layer1.0.conv1.weight"] != nil,
              let fc = shapes["fc.weight"] else { return nil }
        func fail(_ message: String) -> BackboneInputError { BackboneInputError("\(file): looks like a torchvision ResNet, but \(message)") }
        guard stem.count == 4, fc.count == 2 else { throw fail("conv1.weight has shape \(stem) and fc.weight \(fc)") }
        let blocks = (1...4).map { stage in
            Set(shapes.keys.compactMap { key -> Int? in
                let parts = key.split(separator: ".")
                return parts.count >= 3 && parts[0] == "layer\(stage)" && parts[2] == "conv1" ? Int(parts[1]) : nil
            }).count
        }
        let bottleneck = shapes["layer1.0.conv3.weight"] != nil
        guard let depth = depths.first(where: { $0.0 == blocks && $0.1 == bottleneck })?.2 else {
            throw fail("its stages have \(blocks) \(bottleneck ? "bottleneck" : "basic") blocks; Thaw builds ResNet-18, 34 and 50")
        }
        let stemKind: ResNetStem
        switch stem[2] {
        case 7: stemKind = .imagenet
        case 3: stemKind = .cifar
        default: throw fail("conv1 has a \(stem[2])×\(stem[3]) kernel; Thaw knows torchvision's 7×7 stem and the 3×3 CIFAR stem")
        }
        let (width, channels, classes) = (stem[0], stem[1], fc[0])
        let features = width * 8 * (bottleneck ? 4 : 1)
        guard fc[1] == features else { throw fail("fc.weight reads \(fc[1]) features where a ResNet-\(depth) of width \(width) has \(features)") }
        let side = stemKind == .imagenet ? 224 : 32
        let imageNet = stemKind == .imagenet && channels == 3
        return BackboneCard(
            name: name,
            summary: "ResNet-\(depth) recognised from its torchvision tensor names (no card)"
                + (imageNet ? "; ImageNet normalisation assumed" : ""),
            architecture: ArchitectureSpec(kind: .resnet, resnet: ResNetConfig(depth: depth, classes: classes, stem: stemKind,
                                                                               inputChannels: channels, baseWidth: width)),
            input: InputSpec(kind: .image, shape: [channels, side, side], mean: imageNet ? imageNetMean : nil, std: imageNet ? imageNetStd : nil),
            source: SourceTask(task: "unknown (torchvision checkpoint)", classes: (0..<classes).map(String.init)),
            head: ["fc"])
    }
}
