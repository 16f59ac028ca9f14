import Testing
import ThawJSON

@Suite struct StrictDecodingTests {
    struct Card: Codable, Equatable {
        struct Input: Codable, Equatable { var channels: Int; var mean: [Float]? }
        var name: String
        var input: Input
        var tags: [String: String]?
    }

    func decode(_ text: String) -> Result<Card, StrictDecodingError> {
        do { return .success(try StrictDecoding.decode(Card.self, from: Array(text.utf8), file: "card.json")) } catch {
            return .failure(error as! StrictDecodingError)
        }
    }

    @Test func acceptsKnownKeysAndFreeFormDictionaries() {
        let card = try? decode(#"{"name": "a", "input": {"channels": 1, "mean": [0.5]}, "tags": {"any": "thing"}}"#).get()
        #expect(card == Card(name: "a", input: .init(channels: 1, mean: [0.5]), tags: ["any": "thing"]))
    }

    @Test func unknownKeyNamesThePathAndSuggests() {
        guard case .failure(let error) = decode(#"{"name": "a", "input": {"chanels": 1, "channels": 1}}"#) else { Issue.record(); return }
        #expect(error.description == #"card.json: input.chanels: unknown key; did you mean "channels"?"#)
    }

    @Test func duplicateKeysAreRefusedWithTheLine() {
        guard case .failure(let error) = decode("{\"name\": \"a\",\n\"name\": \"b\", \"input\": {\"channels\": 1}}") else { Issue.record(); return }
        #expect(error.description.contains("appears twice") && error.description.contains("line 2"))
    }

    @Test func typeAndMissingKeyErrorsNameThePath() {
        guard case .failure(let wrongType) = decode(#"{"name": "a", "input": {"channels": "one"}}"#),
              case .failure(let missing) = decode(#"{"name": "a"}"#) else { Issue.record(); return }
        #expect(wrongType.description == "card.json: input.channels: expected an integer")
        #expect(missing.description == "card.json: input: missing required key")
    }

    @Test func editDistanceSuggestionsStayClose() {
        #expect(StrictDecoding.closest(to: "lerning_rate", among: ["learning_rate", "epochs"]) == "learning_rate")
        #expect(StrictDecoding.closest(to: "zzz", among: ["learning_rate", "epochs"]) == nil)
    }
}
