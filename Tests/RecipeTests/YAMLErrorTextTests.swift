import DataIO
import Testing
@testable import Recipe

/// YAML syntax errors are one line: the file, line and column of the problem, then what is wrong
/// and where the construct it was reading began (Yams' own text spans several lines).
@Suite struct YAMLErrorTextTests {
    static func error(_ yaml: String) -> DataError? {
        #expect(throws: DataError.self) { _ = try RecipeLoader.parse(yaml: yaml, source: "r.yaml") }
    }

    @Test func aSyntaxErrorNamesItsLineAndColumnAndTheConstruct() {
        let error = Self.error("version: 1\nname: a\ngenerator: {kind: zigzag\n")
        #expect(error?.code == .badRecipe)
        #expect(error?.description == "r.yaml:4:1: not valid YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 3, column 12)")
    }

    @Test func aDuplicateKeyIsNamed() {
        let error = Self.error("version: 1\ngenerator:\n  kind: zigzag\n  kind: zigzag\n")
        #expect(error?.description == "r.yaml:3:3: not valid YAML: the key 'kind' appears twice in one mapping")
    }

    @Test func messagesAreOneLine() {
        for yaml in ["a: [1, 2\n", "a: 'x\n", "a:\n  - b\n c: d\n", "\t- x\n"] {
            let error = Self.error(yaml)
            #expect(error.map { !$0.description.contains("\n") } == true, "\(error?.description ?? "")")
        }
    }
}
