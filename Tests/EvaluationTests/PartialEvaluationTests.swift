import DataIO
import Evaluation
import Foundation
import Metrics
import Testing

/// Making a partial evaluation of a shard: what it records, what a shard may be (a subset of
/// the labelled ids, one class), and what cannot be merged exactly and is refused.
@Suite struct PartialEvaluationTests {
    static func makeError(_ options: EvaluationOptions) -> DataError? {
        #expect(throws: DataError.self) { try PartialEvaluation.make(options) }
    }

    /// The fixture's options for a hand-written file with one `score` column.
    static func scoreOnly(_ fixture: ShardFixture, _ file: String, blocks: BlockSpec? = nil) -> EvaluationOptions {
        var options = fixture.options([file], labels: .file, blocks: blocks)
        options.scoreColumns = []
        return options
    }

    @Test("a shard records per run the distinct scores with counts, its file, the label identity and its coverage")
    func records() throws {
        let fixture = ShardFixture(rows: 200, ties: true, seed: 1)
        let rows = Array(stride(from: 0, to: 200, by: 3))
        let file = fixture.writeScores(rows, to: "shard.csv", label: false)
        let partial = try PartialEvaluation.make(fixture.options([file], labels: .file, blocks: .size(10)))
        #expect(partial.runs.map(\.column) == ["score", "second"])
        let run = partial.runs[0]
        #expect((try run.counts()).rowCount == rows.count)
        #expect((try run.counts()).positiveCount == rows.reduce(0) { $0 + Int(fixture.labels[$1]) })
        #expect((try run.counts()).count == Set(rows.map { fixture.scores[0][$0] + 0.0 }).count)
        #expect(run.sources == [PartialEvaluation.Source(file: file, sha256: try FileSystem.sha256(of: file))])
        #expect(run.coverage == LabelCoverage.of(positions: rows.map { Int32($0) }))
        #expect(run.blocks?.map(\.index) == Array(Set(rows.map { $0 / 10 })).sorted())
        #expect(partial.labels.kind == .labelFile)
        #expect(partial.labels.sha256 == (try FileSystem.sha256(of: fixture.labelsPath)))
        #expect(partial.labels.all == LabelCoverage.all(200))
        #expect(partial.labels.description == fixture.labelsPath)
        #expect(partial.options.cutoffs == ShardFixture.cutoffs)
        let dataset = try PartialEvaluation.make(fixture.options([file], labels: .dataset, blocks: .labelColumn))
        #expect(dataset.labels.kind == .dataset)
        #expect(dataset.labels.split == "test")
        #expect(dataset.labels.description == fixture.datasetPath + "/labels.csv (split test)")
        #expect(dataset.manifest.map(\.key).contains("recipe"))
    }

    @Test("a shard of one class is fine (the merge checks the classes)")
    func oneClassShard() throws {
        let fixture = ShardFixture(rows: 200, ties: true, seed: 2)
        let normals = fixture.labels.indices.filter { fixture.labels[$0] == 0 }.prefix(20)
        for labels in [ShardFixture.Labels.own, .file] {
            let file = fixture.writeScores(Array(normals), to: "normals-\(labels).csv", label: labels == .own)
            let partial = try PartialEvaluation.make(fixture.options([file], labels: labels, blocks: nil))
            #expect((try partial.runs[0].counts()).positiveCount == 0)
        }
    }

    @Test("a shard's ids: any subset of the labelled ids, but no unknown id and no duplicate (file, line, column)")
    func join() throws {
        let fixture = ShardFixture(rows: 100, ties: true, seed: 3)
        let file = fixture.folder + "/bad.csv"
        _ = FileManager.default.createFile(atPath: file, contents: Data("id,score\n\(fixture.ids[3]),1\nnobody,2\n".utf8))
        let unknown = Self.makeError(Self.scoreOnly(fixture, file))
        #expect(unknown?.code == .unknownID)
        #expect(unknown?.file == file && unknown?.line == 3 && unknown?.column == 1)
        _ = FileManager.default.createFile(atPath: file, contents: Data("id,score\n\(fixture.ids[3]),1\n\(fixture.ids[3]),2\n".utf8))
        let duplicate = Self.makeError(Self.scoreOnly(fixture, file))
        #expect(duplicate?.code == .duplicateID)
        #expect(duplicate?.line == 3)
        // The whole label set of one class is an error at once, as for a whole evaluation.
        let labels = fixture.folder + "/normal-labels.csv"
        _ = FileManager.default.createFile(atPath: labels, contents: Data("id,label\n\(fixture.ids[3]),0\n\(fixture.ids[4]),0\n".utf8))
        _ = FileManager.default.createFile(atPath: file, contents: Data("id,score\n\(fixture.ids[3]),1\n".utf8))
        var options = Self.scoreOnly(fixture, file)
        options.labelsPath = labels
        #expect(Self.makeError(options)?.code == .singleClass)
    }

    @Test("what cannot be merged exactly is refused with not_mergeable and says why", arguments: [
        "series", "series datasets", "bootstrap", "calibrated", "calibrate", "block scores", "block size with own labels",
    ])
    func refusals(what: String) throws {
        let fixture = ShardFixture(rows: 100, ties: true, seed: 4)
        let file = fixture.writeScores(Array(0..<100), to: "s.csv", label: true)
        var options = fixture.options([file], labels: .file, blocks: nil)
        let fragment: String
        switch what {
        case "series": options.series = SeriesOptions(); fragment = "time-series metrics"
        case "series datasets": options.seriesDatasets = [fixture.datasetPath, fixture.datasetPath]; fragment = "time-series metrics"
        case "bootstrap": options.bootstrapReplicates = 100; fragment = "--bootstrap"
        case "calibrated": options.cutoffs = [try CutoffSpec(parsing: "calibrated:youden")]; fragment = "calibrated:youden"
        case "calibrate": options.calibrationFile = file; fragment = "--calibrate"
        case "block scores": options.blockScoresFile = file; fragment = "--block-scores"
        default:
            options = fixture.options([file], labels: .own, blocks: .size(10)); fragment = "--block-size B needs the rows' positions"
        }
        let error = Self.makeError(options)
        #expect(error?.code == .notMergeable)
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
    }

    /// `--block-size B` with a score file that has no labels at all: the missing labels are
    /// the problem to name, not the shard's unknown row positions.
    @Test func noLabelsAtAllIsSaidBeforeTheBlockSize() throws {
        let fixture = ShardFixture(rows: 50, ties: true, seed: 6)
        let file = fixture.writeScores(Array(0..<50), to: "plain.csv", label: false)
        var options = fixture.options([file], labels: .own, blocks: .size(10))
        options.labelsPath = nil
        options.datasetPath = nil
        let error = Self.makeError(options)
        #expect(error?.message.contains("no labels") == true && error?.message.contains("--block-size") == false, "\(error?.message ?? "")")
    }

    @Test("block means near the binary64 limit are refused (a whole evaluation rescales them in row order)")
    func hugeScoresInBlocks() throws {
        let fixture = ShardFixture(rows: 50, ties: true, seed: 5)
        let file = fixture.folder + "/huge.csv"
        var text = "id,score\n"
        for i in 0..<50 { text += "\(fixture.ids[i]),\(i == 7 ? "1e306" : "0.5")\n" }
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        let error = Self.makeError(Self.scoreOnly(fixture, file, blocks: .size(5)))
        #expect(error?.code == .notMergeable)
        #expect(error?.message.contains("block 1") == true, "\(error?.message ?? "")")
        // Without blocks the same scores merge exactly.
        _ = try PartialEvaluation.make(Self.scoreOnly(fixture, file))
    }
}
