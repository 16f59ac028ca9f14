import ArgumentParser
import ThawTrainingAPI

/// The data options `thaw features` and `thaw rank` share: one file read whole, the way an
/// experiment's `data` section reads it, without a split or normalisation (both commands
/// look at the raw examples a backbone would see).
struct DataFileOptions: ParsableArguments {
    @Option(help: "Data file: CSV (label,features…), IDX images, or CSV (label,text).")
    var data: String

    @Option(help: "IDX labels file for --data.")
    var labels: String?

    @Option(help: "Data format: csv, idx or text (default: from the file name; text for BERT backbones).")
    var format: DataConfig.Format?

    @Option(help: "Per-example shape of CSV features, e.g. 1,8,8.")
    var shape: String?

    @Option(help: "Divide raw CSV values by this (digits: 16).")
    var scale: Double?

    /// The `data` section these options describe; a text backbone implies the text format.
    func config(isText: Bool) throws -> DataConfig {
        var config = DataConfig(train: data, format: format ?? (isText ? .text : nil), labels: labels,
                                split: SplitConfig(validation: 0, test: 0), shape: try shape.map(FeatureInputs.parseShape),
                                scale: scale, normalize: false)
        config.classes = nil
        return config
    }
}
