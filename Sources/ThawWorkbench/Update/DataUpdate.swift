import Foundation
import ThawTUI
import ThawTrainingAPI

/// The Data screen's editable rows.
enum DataField: Int, CaseIterable, Sendable {
    case path, validation, test, fewShot

    var label: String {
        switch self {
        case .path: "training file"
        case .validation: "validation split"
        case .test: "test split"
        case .fewShot: "few-shot N per class"
        }
    }

    /// The label in the form, where the column is narrow.
    var shortLabel: String {
        switch self {
        case .path: "training file"
        case .validation: "validation"
        case .test: "test"
        case .fewShot: "few-shot N"
        }
    }

    static let fewShotLadder = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
}

extension Update {
    static func data(_ state: inout AppState, _ action: Action) -> [Effect] {
        let page = Navigation.page(state)
        if state.focus == 1 {
            if let offset = Navigation.scrolled(state.data.classScroll, action, page: page) { state.data.classScroll = offset }
            return []
        }
        if let cursor = Navigation.moved(state.data.cursor, action, count: DataField.allCases.count, page: page) {
            state.data.cursor = cursor
            return []
        }
        let field = DataField(rawValue: state.data.cursor) ?? .path
        switch action {
        case .left, .right:
            return adjust(field, up: action == .right, &state)
        case .editField:
            switch field {
            case .path:
                state.editing = .dataPath
                state.input = TextInputState(state.config.data.train)
            case .fewShot:
                state.editing = .fewShot
                state.input = TextInputState(state.config.data.fewShot.map(String.init) ?? "")
            case .validation, .test:
                say(&state, "use h/l or the arrow keys to change the split")
            }
            return []
        default:
            return []
        }
    }

    static func adjust(_ field: DataField, up: Bool, _ state: inout AppState) -> [Effect] {
        let step = up ? 0.05 : -0.05
        func clamp(_ v: Double) -> Double { Swift.min(0.9, Swift.max(0, (v * 100).rounded() / 100)) }
        switch field {
        case .path:
            return []
        case .validation:
            let next = clamp(state.config.data.split.validation + step)
            guard next + state.config.data.split.test < 0.95 else { return [] }
            state.config.data.split.validation = next
            return reloadDataset(&state)
        case .test:
            let next = clamp(state.config.data.split.test + step)
            guard next + state.config.data.split.validation < 0.95 else { return [] }
            state.config.data.split.test = next
            return reloadDataset(&state)
        case .fewShot:
            let ladder = DataField.fewShotLadder
            switch (state.config.data.fewShot, up) {
            case (nil, true): state.config.data.fewShot = ladder[0]
            case (nil, false): break
            case (let n?, true): state.config.data.fewShot = ladder.first { $0 > n } ?? n
            case (let n?, false): state.config.data.fewShot = ladder.last { $0 < n }
            }
            return []
        }
    }

    static func reloadDataset(_ state: inout AppState) -> [Effect] {
        guard !state.config.data.train.isEmpty else { return [] }
        state.datasetLoading = true
        return [.loadDataset(state.config.data, seed: state.config.seed)] + stopScoring(&state)
    }

    /// Keys while a text field is open: editing keys edit, Enter commits, Esc cancels.
    static func editKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let target = state.editing else { return [] }
        switch key {
        case .escape, .tab, .backTab:
            state.editing = nil
            return []
        case .enter:
            state.editing = nil
            let before = state.config
            let effects = commit(target, text: state.input.text, &state)
            return effects + LiveSync.sync(&state, before: before)
        default:
            if let next = state.input.applying(key) { state.input = next }
            return []
        }
    }

    static func commit(_ target: EditTarget, text: String, _ state: inout AppState) -> [Effect] {
        switch target {
        case .dataPath:
            let path = text.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else {
                say(&state, "type the path of a CSV or IDX file", .warning)
                return []
            }
            state.config.data.train = path
            state.data.pathInput = TextInputState(path)
            state.dataset = nil
            state.datasetError = nil
            say(&state, "reading \(path)")
            return reloadDataset(&state)
        case .fewShot:
            let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
            if trimmed.isEmpty || trimmed == "off" || trimmed == "0" {
                state.config.data.fewShot = nil
            } else if let n = Int(trimmed), n >= 1 {
                state.config.data.fewShot = n
            } else {
                say(&state, "few-shot N: a whole number of at least 1, or empty for all examples", .error)
            }
            return []
        case .scheduleField(let field):
            if let problem = field.set(&state.config, text: text) { say(&state, problem, .error) }
            return []
        }
    }
}
