extension IDXReader {
    /// Class names of MNIST (and any digit set): "0" … "9".
    public static let digitClassNames: [String] = (0...9).map(String.init)

    /// Class names of Fashion-MNIST, in label order (from its README).
    public static let fashionMNISTClassNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// An images file and its labels file as one dataset of shape `[1, rows, columns]`.
    ///
    /// Labels are read first (they are small), so a mismatched pair is refused before tens of
    /// megabytes of images are inflated. Pass `classNames` whenever train and test are read
    /// separately (or with a `limit`): without it the classes are `0 … largest label seen`,
    /// which can differ between two files.
    public static func readDataset(images: String, labels: String, limit: Int? = nil,
                                   classNames: [String]? = nil,
                                   limits: IDXLimits = IDXLimits()) throws(DatasetError) -> Dataset {
        let labelSet = try readLabels(at: labels, limit: limit, limits: limits)
        let imageSet = try readImages(from: FileByteSource(path: images), name: images, limit: limit,
                                      limits: limits, expectedCount: (labelSet.declaredCount, labels))
        return try dataset(images: imageSet, labels: labelSet, classNames: classNames)
    }

    /// The in-memory form of `readDataset(images:labels:)`, for tests and fuzzing.
    public static func readDataset(imageBytes: [UInt8], imagesName: String, labelBytes: [UInt8],
                                   labelsName: String, limit: Int? = nil, classNames: [String]? = nil,
                                   limits: IDXLimits = IDXLimits()) throws(DatasetError) -> Dataset {
        let labelSet = try readLabels(bytes: labelBytes, name: labelsName, limit: limit, limits: limits)
        let imageSet = try readImages(from: MemoryByteSource(imageBytes), name: imagesName, limit: limit,
                                      limits: limits, expectedCount: (labelSet.declaredCount, labelsName))
        return try dataset(images: imageSet, labels: labelSet, classNames: classNames)
    }

    static func dataset(images: IDXImages, labels: IDXLabels,
                        classNames: [String]?) throws(DatasetError) -> Dataset {
        let largest = labels.values.max() ?? -1
        let names = classNames ?? (0...max(largest, 0)).map(String.init)
        if let bad = labels.values.firstIndex(where: { $0 >= names.count }) {
            let offset = labels.dataOffset + bad
            throw DatasetError(
                file: labels.source, kind: .labelOutOfRange,
                location: labels.decompressed ? .decompressedByte(offset) : .byte(offset),
                detail: "label \(labels.values[bad]) of item \(bad), but there are \(names.count) classes",
                fix: "pass the dataset's full list of class names")
        }
        return Dataset(source: images.source, featureShape: [1, images.rows, images.columns],
                       features: images.pixels, labels: labels.values, classNames: names)
    }
}
