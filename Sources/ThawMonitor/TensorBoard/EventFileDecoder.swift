/// What TensorBoard remembers per run while reading its event files, kept with the run's
/// data because a restart spans files (each writer session starts a new file).
struct TensorBoardRunState: Equatable, Sendable {
    var fileVersion: Double?
    var seenSessionStart = false
    var mostRecentStep: Int64 = -1
    /// The plugin of each tag, from the first value that carried metadata.
    var pluginByTag: [String: String] = [:]
}

/// Reads a TensorBoard event file (`events.out.tfevents.*`) into a run, with TensorBoard's
/// own rules, so the points are the ones its scalar dashboard would show:
///
/// - `simple_value` is a scalar; a `tensor` is one when its tag's plugin is `scalars` and it
///   holds exactly one number (the plugin is named only with a tag's first value).
/// - A restart purges: with file version ≥ 2, a SessionLog START after the run's first one
///   drops every point at its step or later; older files drop a tag's points at or after a
///   step that goes backwards.
struct EventFileDecoder: Equatable, Sendable {
    var framer = TFRecordFramer()

    mutating func consume(_ chunk: ArraySlice<UInt8>, into run: inout RunData, notes: inout FileNotes) {
        var unreadable: [(offset: Int, error: ProtoError)] = []
        framer.feed(chunk, notes: &notes) { bytes, offset in
            do throws(ProtoError) {
                Self.apply(try EventRecord(decoding: bytes), to: &run)
            } catch {
                unreadable.append((offset, error))
            }
        }
        for (offset, error) in unreadable {
            notes.warn("event", "record at byte \(offset) is not a readable Event (\(error)); skipped")
        }
    }

    static func apply(_ event: EventRecord, to run: inout RunData) {
        if let text = event.fileVersion { run.tensorBoard.fileVersion = EventRecord.parseFileVersion(text) }
        purgeOrphans(event, run: &run)
        let step = Double(event.step)
        for value in event.values {
            if let plugin = value.pluginName, run.tensorBoard.pluginByTag[value.tag] == nil {
                run.tensorBoard.pluginByTag[value.tag] = plugin
            }
            if let simple = value.simpleValue {
                run.tensorBoard.pluginByTag[value.tag] = run.tensorBoard.pluginByTag[value.tag] ?? "scalars"
                run.append(tag: value.tag, step: step, value: Double(simple))
            } else if let scalar = value.tensorScalar, run.tensorBoard.pluginByTag[value.tag] == "scalars" {
                run.append(tag: value.tag, step: step, value: scalar)
            }
        }
    }

    /// TensorBoard's `_MaybePurgeOrphanedData`: what a crashed and restarted writer logged
    /// beyond its checkpoint is hidden.
    static func purgeOrphans(_ event: EventRecord, run: inout RunData) {
        if let version = run.tensorBoard.fileVersion, version >= 2 {
            if event.sessionStatus == EventRecord.sessionStart {
                // The first START only marks the beginning of the run.
                if run.tensorBoard.seenSessionStart {
                    run.removePoints(fromStep: Double(event.step))
                } else {
                    run.tensorBoard.seenSessionStart = true
                }
            }
        } else if event.hasSummary, event.step < run.tensorBoard.mostRecentStep {
            run.removePoints(fromStep: Double(event.step), tags: event.values.map(\.tag))
        }
        if event.hasSummary { run.tensorBoard.mostRecentStep = event.step }
    }
}
