import Testing
import ThawJSON

/// The header parser accepts exactly RFC 8259 JSON, minus duplicate keys.
@Suite struct StrictJSONTests {
    private func parse(_ text: String) -> Result<JSONValue, StrictJSONError> {
        do { return .success(try StrictJSONParser.parse(ArraySlice(Array(text.utf8)))) } catch { return .failure(error) }
    }

    private func kind(_ text: String) -> StrictJSONError.Kind? {
        if case .failure(let error) = parse(text) { return error.kind }
        return nil
    }

    @Test(arguments: [
        "{}", " {\"a\" : [ 1 , -2.5e+3 , true , false , null , \"x\" ] } ", "[]", "0", "-0.0E-0", "\"\\u00e9\\ud83d\\ude00\"",
        "{\"a\":{\"a\":{\"a\":1}}}", "[{\"a\":1},{\"a\":1}]",
    ])
    func acceptsValidJSON(_ text: String) {
        #expect(kind(text) == nil)
    }

    @Test(arguments: [
        "", "{", "{\"a\"}", "{\"a\":}", "{,}", "{\"a\":1,}", "[1,]", "01", "1.", ".5", "1e", "+1", "-", "tru", "nul",
        "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\udc00\"", "\"\\ud800x\"", "\"\\ud800\\u0041\"", "{'a':1}", "{a:1}",
        "NaN", "Infinity", "[1 2]", "{} {}", "\u{0C}{}", "\"\t\"",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(kind(text) == .syntax)
    }

    @Test func duplicateKeysAtAnyDepthAfterUnescaping() {
        #expect(kind("{\"a\":1,\"a\":1}") == .duplicateKey)
        #expect(kind("{\"x\":{\"b\":1,\"c\":{\"d\":1,\"d\":2}}}") == .duplicateKey)
        #expect(kind("[{\"k\":1,\"\\u006b\":2}]") == .duplicateKey)
        #expect(kind("{\"é\":1,\"\\u00e9\":2}") == .duplicateKey)
        // The same key in sibling objects is not a duplicate.
        #expect(kind("{\"a\":{\"k\":1},\"b\":{\"k\":1}}") == nil)
    }

    @Test func numbersKeepTheirSpelling() throws {
        guard case .success(.array(let values)) = parse("[2, 2.0, -1, 18446744073709551615, 18446744073709551616, 1e2]") else {
            Issue.record("did not parse")
            return
        }
        let numbers = values.compactMap { value -> JSONNumber? in
            if case .number(let number) = value { return number }
            return nil
        }
        #expect(numbers.map(\.unsignedValue) == [2, nil, nil, UInt64.max, nil, nil])
        #expect(numbers.map(\.isInteger) == [true, false, true, true, true, false])
    }

    @Test func errorOffsetsPointAtTheProblem() {
        guard case .failure(let error) = parse("{\"a\":1, \"a\":2}") else {
            Issue.record("accepted a duplicate")
            return
        }
        #expect(error.offset == 8)
    }
}
