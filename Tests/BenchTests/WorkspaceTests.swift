import DataIO
import Foundation
import Testing
@testable import Bench
import TestSupport

@Suite struct WorkspaceTests {
    static func workspace() -> Workspace {
        Workspace(root: temporaryPath(prefix: "toolkit-workspace-"), quiet: true)
    }

    @Test func scoreFilesAreReusedOnlyWhenTheirDigestMatches() throws {
        let workspace = Self.workspace()
        let recipe = try workspace.resolve("zigzag", overrides: [])
        let dataset = try workspace.dataset(recipe)
        let file = try workspace.scores(recipe, dataset: dataset, detector: "hbos", parameters: [], seed: 1)
        #expect(file == (try workspace.scoresPath(recipe, detector: "hbos", parameters: [], seed: 1)))
        #expect(Workspace.scoresVerify(file))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        try FileSystem.writeAtomically("id,score\n", to: file)
        #expect(!Workspace.scoresVerify(file))
        #expect(throws: DataError.self) {
            _ = try workspace.scores(recipe, dataset: dataset, detector: "hbos", parameters: [], seed: 1, existingOnly: true)
        }
        _ = try workspace.scores(recipe, dataset: dataset, detector: "hbos", parameters: [], seed: 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == bytes)
        try FileManager.default.removeItem(atPath: file + ".sha256")
        #expect(!Workspace.scoresVerify(file))
    }

    @Test func publishingADatasetTwiceKeepsTheFirst() throws {
        let workspace = Self.workspace()
        let recipe = try workspace.resolve("zigzag", overrides: [])
        #expect(try workspace.publishDataset(recipe))
        let folder = workspace.datasetFolder(recipe)
        #expect(Workspace.datasetVerifies(folder))
        let manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        #expect(try !workspace.publishDataset(recipe))
        #expect(try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8) == manifest)
        #expect(!Workspace.datasetVerifies(folder + "-nothing"))
    }

    @Test func machineDependentScoreFilesAreNamedByTheKernelSet() throws {
        let workspace = Self.workspace()
        let recipe = try workspace.resolve("zigzag", overrides: [])
        #expect(try workspace.scoresPath(recipe, detector: "ae", parameters: [], seed: 3, machine: "K-t1").hasSuffix("-K-t1-seed3.csv"))
        #expect(try !workspace.scoresPath(recipe, detector: "hbos", parameters: [], seed: 3, machine: "K-t1").contains("K-t1"))
    }
}
