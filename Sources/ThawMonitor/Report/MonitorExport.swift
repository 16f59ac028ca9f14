/// The monitored curves as one CSV in long form — `run,tag,step,value`, one row per stored
/// point — which pandas, R or a spreadsheet pivot as they like. Long series hold the points
/// kept after downsampling (every stretch's lowest and highest value and the last point).
public enum MonitorExport {
    public static func csv(_ runs: [RunSnapshot]) -> String {
        var lines = ["run,tag,step,value"]
        for run in runs {
            for tag in run.data.tagNames {
                for point in run.data.tags[tag]!.points {
                    lines.append([field(run.name), field(tag), ValueText.step(point.step), ValueText.exact(point.value)].joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting when the text needs it.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
