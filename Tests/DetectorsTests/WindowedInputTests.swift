import DataIO
import Foundation
import Testing
import TestSupport
@testable import Datasets
@testable import Detectors

@Suite struct WindowedInputTests {
    static func readings(_ ids: [String], power: [Double], temp: [Double]) -> DatasetSplit {
        DatasetSplit(split: "test", ids: ids,
                     columns: [ColumnSchema(name: "power", type: .numeric, cardinality: nil),
                               ColumnSchema(name: "temp", type: .numeric, cardinality: nil),
                               ColumnSchema(name: "state", type: .categorical, cardinality: 2)],
                     numbers: [power, temp, ids.map { _ in 0 }], lists: [[], [], []])
    }

    static func windows(_ ranges: [(String, String)], labels: [Bool]? = nil) -> WindowFile {
        WindowFile(path: "pv/windows.csv", split: "test", windows: ranges.indices.map { "\($0)" },
                   firstIds: ranges.map(\.0), lastIds: ranges.map(\.1), labels: labels,
                   lines: ranges.indices.map { $0 + 2 }, firstIdColumn: 3, lastIdColumn: 4)
    }

    static let six = readings(["a", "b", "c", "d", "e", "f"], power: [1, 2, 3, 4, 5, 6], temp: [10, 20, 30, 40, 50, 60])

    @Test func twoValueColumnsAreFlattenedTimeMajor() throws {
        let input = try WindowedInput(readings: Self.six, windows: Self.windows([("a", "c"), ("d", "f")]),
                                      valueColumns: ["power", "temp"])
        #expect(input.rows.columns.map(\.name) == ["power[0]", "temp[0]", "power[1]", "temp[1]", "power[2]", "temp[2]"])
        #expect(input.rows.columns.allSatisfy { $0.type == .numeric })
        #expect(input.rows.ids == ["0", "1"] && input.rows.split == "test")
        let row = { (w: Int) in input.rows.numbers.map { $0[w] } }
        #expect(row(0) == [1, 10, 2, 20, 3, 30])
        #expect(row(1) == [4, 40, 5, 50, 6, 60])
        #expect(input.length == 3 && input.valueColumns == ["power", "temp"])
        // The column order given is the order within a step.
        let swapped = try WindowedInput(readings: Self.six, windows: Self.windows([("a", "c")]), valueColumns: ["temp", "power"])
        #expect(swapped.rows.numbers.map { $0[0] } == [10, 1, 20, 2, 30, 3])
    }

    @Test func idsAreLookedUpNotTakenForPositions() throws {
        let split = Self.readings(["100", "7", "42", "3", "9", "11"], power: [1, 2, 3, 4, 5, 6], temp: [0, 0, 0, 0, 0, 0])
        let input = try WindowedInput(readings: split, windows: Self.windows([("7", "42"), ("3", "9"), ("9", "11")], labels: [false, true, false]),
                                      valueColumns: ["power"])
        #expect(input.coverage == [1...2, 3...4, 4...5])
        #expect(input.rows.numbers == [[2, 4, 5], [3, 5, 6]])
        #expect(input.readingIds == split.ids && input.labels == [false, true, false])
    }

    @Test func errorsNameTheFileLineAndId() {
        func message(_ ranges: [(String, String)], columns: [String] = ["power"]) -> DataError? {
            WindowFileTests.error { _ = try WindowedInput(readings: Self.six, windows: Self.windows(ranges), valueColumns: columns) }
        }
        let missing = message([("a", "b"), ("c", "z")])
        #expect(missing?.file == "pv/windows.csv" && missing?.line == 3 && missing?.column == 4)
        #expect(missing?.message == "window 1: last_id 'z' is not an id of the test split")
        let first = message([("x", "b")])
        #expect(first?.line == 2 && first?.column == 3 && first?.message.contains("first_id 'x'") == true)
        let lengths = message([("a", "c"), ("d", "e")])
        #expect(lengths?.line == 3 && lengths?.message == "window 1 has 2 readings where window 0 has 3; a detector reads windows of one length")
        #expect(message([("c", "a")])?.message.contains("last_id 'a' comes before first_id 'c'") == true)
        #expect(message([("a", "c")], columns: ["state"])?.message == "column 'state' is categorical; a window holds numeric columns only")
        #expect(message([("a", "c")], columns: ["watts"])?.message.contains("no column 'watts' in the dataset (its columns: power, temp, state)") == true)
        #expect(message([("a", "c")], columns: ["power", "power"])?.message.contains("named twice") == true)
        let twice = Self.readings(["a", "b", "a"], power: [1, 2, 3], temp: [1, 2, 3])
        let duplicate = WindowFileTests.error { _ = try WindowedInput(readings: twice, windows: Self.windows([("a", "b")]), valueColumns: ["power"]) }
        #expect(duplicate?.message.contains("the id 'a' twice (rows 1 and 3)") == true)
    }

    @Test func theDefaultValueColumnIsTheRecipesSeriesValues() throws {
        #expect(try WindowedInput.valueColumns(nil, dataset: DatasetFolder(sequenceDataset())) == ["power"])
        #expect(try WindowedInput.valueColumns(["temp", "power"], dataset: DatasetFolder(sequenceDataset(seriesValues: nil))) == ["temp", "power"])
        let none = WindowFileTests.error { _ = try WindowedInput.valueColumns(nil, dataset: DatasetFolder(sequenceDataset(seriesValues: nil))) }
        #expect(none?.code == .usage && none?.message.contains("give --window-columns") == true)
        // A dataset without windows says so first, whatever columns are asked for.
        for requested in [nil, ["x"]] as [[String]?] {
            let table = WindowFileTests.error { _ = try WindowedInput.valueColumns(requested, dataset: DatasetFolder(smallDataset())) }
            #expect(table?.message.contains("no windows.csv in the dataset folder") == true, "\(table?.message ?? "")")
        }
    }
}
