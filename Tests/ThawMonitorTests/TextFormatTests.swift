import Testing
@testable import ThawMonitor

/// JSONL and CSV logs as real writers produce them, fed as bytes.
@Suite struct TextFormatTests {
    static func jsonl(_ text: String, flavour: JSONLDecoder.Flavour = .generic) -> (RunData, FileNotes, JSONLDecoder) {
        var decoder = JSONLDecoder(flavour: flavour)
        var run = RunData(), notes = FileNotes()
        decoder.consume(Array(text.utf8)[...], into: &run, notes: &notes)
        return (run, notes, decoder)
    }

    static func csv(_ text: String, stem: String = "metrics") -> (RunData, FileNotes) {
        var decoder = CSVDecoder(fileStem: stem)
        var run = RunData(), notes = FileNotes()
        decoder.consume(Array(text.utf8)[...], into: &run, notes: &notes)
        return (run, notes)
    }

    static func values(_ run: RunData, _ tag: String) -> [String] {
        run.tags[tag]?.points.map { "\(ValueText.step($0.step)):\(ValueText.exact($0.value))" } ?? []
    }

    @Test func pythonJSONWithNaNInfinityAndNestedDictionaries() {
        // json.dumps writes NaN and Infinity; Hugging Face logs nest nothing, others do.
        let (run, notes, _) = Self.jsonl("""
        {"step": 1, "loss": 2.5, "lr": {"head": 0.1, "body": 0.01}, "note": "warm-up", "ok": true}
        {"step": 2, "loss": NaN, "lr": {"head": 0.1, "body": 0.01}, "tags": [1, {"a": 2}]}
        {"step": 3, "loss": -Infinity, "time": 1700000000.5}
        {"global_step": 4, "loss": 1e-3, "epoch": 0.5}

        """)
        #expect(Self.values(run, "loss") == ["1:2.5", "2:nan", "3:-inf", "4:0.001"])
        #expect(Self.values(run, "lr/head") == ["1:0.1", "2:0.1"])
        #expect(Self.values(run, "epoch") == ["4:0.5"], "epoch is a metric when a step column exists")
        #expect(run.tags["time"] == nil && run.tags["step"] == nil && run.tags["note"] == nil)
        #expect(notes.lines.isEmpty)
    }

    @Test func stepFallsBackToEpochThenToTheLineIndex() {
        #expect(Self.values(Self.jsonl("{\"epoch\": 3, \"acc\": 0.5}\n").0, "acc") == ["3:0.5"])
        #expect(Self.values(Self.jsonl("{\"acc\": 0.5}\n{\"acc\": 0.75}\n").0, "acc") == ["0:0.5", "1:0.75"])
    }

    @Test func thawRunLogsKeepStepAndEpochLinesOnly() {
        let (run, notes, _) = Self.jsonl("""
        {"kind":"step","step":1,"epoch":0,"loss":null,"grad_norm":1.5,"samples_per_s":900.0,"elapsed_s":0.2,"lr":{"body":0.001},"nonfinite":["loss"]}
        {"kind":"epoch","step":4,"epoch":0,"train_loss":0.7,"train_accuracy":0.6,"val_loss":0.65,"val_accuracy":0.625}
        {"kind":"diagnostic","step":4,"diagnostic":"plateau","evidence":{"slope":0.5}}
        {"kind":"resumed","step":4,"message":"removed 0 log lines"}

        """, flavour: .thawRun)
        #expect(Self.values(run, "loss") == ["1:nan"], "null listed in nonfinite is a NaN, not a gap in the data")
        #expect(Self.values(run, "lr/body") == ["1:0.001"])
        #expect(Self.values(run, "val_accuracy") == ["4:0.625"])
        #expect(run.tags["epoch"] == nil && run.tags["elapsed_s"] == nil && run.tags["evidence/slope"] == nil)
        #expect(notes.lines.isEmpty)
    }

    @Test func aHalfWrittenLineWaitsForItsNewline() {
        var (run, notes, decoder) = Self.jsonl("{\"step\": 1, \"loss\": 0.5}\n{\"step\": 2, \"lo")
        #expect(Self.values(run, "loss") == ["1:0.5"])
        #expect(notes.pending == "half-written last line at byte 25 (15 bytes so far)")
        decoder.consume(Array("ss\": 0.25}\n".utf8)[...], into: &run, notes: &notes)
        #expect(Self.values(run, "loss") == ["1:0.5", "2:0.25"])
        #expect(notes.pending == nil && notes.warnings.isEmpty)
    }

    @Test func aLastLineWithoutNewlineIsReadOnceSettled() {
        var (run, notes, decoder) = Self.jsonl("{\"step\": 1, \"loss\": 0.5}\n{\"step\": 2, \"loss\": 0.4}")
        #expect(Self.values(run, "loss") == ["1:0.5"])
        decoder.finishPendingLine(into: &run, notes: &notes)
        #expect(Self.values(run, "loss") == ["1:0.5", "2:0.4"])
        #expect(notes.pending == nil)
    }

    @Test func badLinesAreCountedNotFatal() {
        let (run, notes, _) = Self.jsonl("{\"step\": 1, \"loss\": 0.5}\nnot json\n[1, 2]\n{\"step\": 2, \"loss\": 0.4}\n{\"step\": 3,\n")
        #expect(Self.values(run, "loss") == ["1:0.5", "2:0.4"])
        #expect(notes.warnings.map(\.text) == ["line 2 is not a JSON object; skipped (and 2 more)"])
    }

    @Test func escapedKeysAndDeepNesting() {
        let deep = String(repeating: "{\"a\": ", count: 20) + "1" + String(repeating: "}", count: 20)
        let (run, notes, _) = Self.jsonl("{\"step\": 1, \"val\\/loss\\u00e9\": 0.5, \"deep\": \(deep)}\n")
        #expect(Self.values(run, "val/lossé") == ["1:0.5"])
        #expect(run.tags.count == 1, "nesting beyond the limit is skipped: \(run.tagNames)")
        #expect(notes.lines.isEmpty)
    }

    @Test func lightningCSVLoggerSparseRows() {
        // Lightning's CSVLogger: every row has every column, most of them empty.
        let (run, notes) = Self.csv("""
        epoch,step,train_loss,val_loss,val_acc
        0,49,0.9,,
        0,99,0.7,,
        0,99,,0.65,0.61
        1,149,0.5,,

        """)
        #expect(Self.values(run, "train_loss") == ["49:0.9", "99:0.7", "149:0.5"])
        #expect(Self.values(run, "val_acc") == ["99:0.61"])
        #expect(Self.values(run, "epoch") == ["49:0", "99:0", "99:0", "149:1"])
        #expect(notes.lines.isEmpty)
    }

    @Test func kerasCSVLoggerUsesTheEpochAndThawCSVSkipsText() {
        let (keras, _) = Self.csv("epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,1.2,0.55,1.1\n1,0.7,0.8,0.72,0.79\n")
        #expect(Self.values(keras, "val_loss") == ["0:1.1", "1:0.79"])
        let (thaw, _) = Self.csv("kind,step,epoch,loss,learning_rate\nstep,1,0,nan,0.01\nstep,2,0,inf,0.01\n")
        #expect(Self.values(thaw, "loss") == ["1:nan", "2:inf"])
        #expect(thaw.tags["kind"] == nil)
    }

    @Test func tensorBoardDownloadIsNamedAfterTheFile() {
        let (run, _) = Self.csv("Wall time,Step,Value\n1700000000.1,0,0.9\n1700000001.2,10,0.5\n", stem: "run_train-tag-loss")
        #expect(Self.values(run, "run_train-tag-loss") == ["0:0.9", "10:0.5"])
        #expect(run.tags.count == 1)
    }

    @Test func quotedFieldsTabsAndFieldCountMismatches() {
        let (quoted, notes) = Self.csv("step,\"loss, smoothed\",\"say \"\"hi\"\"\"\n1,\"0.5\",x\n2,0.4\n")
        #expect(Self.values(quoted, "loss, smoothed") == ["1:0.5"])
        #expect(notes.warnings.map(\.text) == ["line 3 has 2 fields, the header 3; skipped"])
        let (tabs, _) = Self.csv("step\tloss\n1\t0.5\n")
        #expect(Self.values(tabs, "loss") == ["1:0.5"])
    }

    @Test func numbersAreExactOrRefused() {
        #expect(NumberText.parse(Array("0.1".utf8)[...]) == 0.1)
        #expect(NumberText.parse(Array("-1.25e-3".utf8)[...]) == -0.00125)
        #expect(NumberText.parse(Array("12345678901234567890".utf8)[...]) == 12345678901234567890.0)
        #expect(NumberText.parse(Array("2.2250738585072014e-308".utf8)[...]) == 2.2250738585072014e-308)
        #expect(NumberText.parse(Array("0x10".utf8)[...]) == nil)
        #expect(NumberText.parse(Array("1.2.3".utf8)[...]) == nil)
        #expect(NumberText.parse(Array("Infinity".utf8)[...]) == .infinity)
        #expect(NumberText.parse(Array(" 7 ".utf8)[...]) == 7)
        #expect(NumberText.parse(Array("".utf8)[...]) == nil)
        // The fast path and the full conversion agree.
        for text in ["0.3", "123.456", "99.9999999999999", "1e22", "1e-22", "3.14159e5", "-0.0", "0.000123"] {
            #expect(NumberText.fastDecimal(Array(text.utf8)[...])?.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
        #expect(NumberText.fastDecimal(Array("9.999999999999999".utf8)[...]) == nil, "16 digits: left to the full conversion")
    }
}
