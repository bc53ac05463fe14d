import DataIO
import Foundation
import Testing
@testable import Bench
import TestSupport

@Suite struct TaskPlanTests {
    static func runner(_ out: String, detectors: [String] = ["hbos", "iforest"]) -> BenchRunner {
        var runner = BenchRunner(recipes: ["zigzag", "arrhythmia"], out: out)
        runner.detectors = detectors
        runner.runs = 2
        runner.quiet = true
        runner.build = "testbuild"
        return runner
    }

    @Test func unitsInStagesWithIdsCommandsAndNeeds() throws {
        let out = temporaryPath(prefix: "toolkit-plan-")
        let runner = Self.runner(out)
        let plan = try TaskPlan.make(runner, planFile: "plan.jsonl", cwd: "/somewhere", commandLine: "toolkit bench x")
        #expect(plan.tasks.map(\.kind) == [.dataset, .dataset] + Array(repeating: .detect, count: 8) + [.collect])
        #expect(plan.tasks.map(\.index) == Array(0..<11))
        #expect(plan.tasks.map(\.stage) == [0, 0] + Array(repeating: 1, count: 8) + [2])
        #expect(Set(plan.tasks.map(\.id)).count == 11)
        #expect(plan.tasks[5].command == ["toolkit", "run-task", "plan.jsonl", "--index", "5"])
        #expect(plan.tasks.allSatisfy { $0.cwd == "/somewhere" && $0.build == "testbuild" && $0.bench?.commandLine == "toolkit bench x" })
        // Each detector run needs its dataset and writes the workspace's score file and digest.
        let workspace = runner.workspace
        let zigzag = try workspace.resolve("zigzag", overrides: [])
        let cell = try #require(plan.tasks.first { $0.kind == .detect && $0.detector == "iforest" && $0.seed == 2 && $0.recipe == 0 })
        #expect(cell.needs == [plan.tasks[0].id])
        let file = try workspace.scoresPath(zigzag, detector: "iforest", parameters: [], seed: 2)
        #expect(cell.outputs == [file, file + ".sha256"] && cell.inputs == [workspace.datasetFolder(zigzag)])
        // The leaderboards need every run.
        let collect = try #require(plan.tasks.last)
        #expect(collect.needs == plan.tasks.filter { $0.kind == .detect }.map(\.id))
        #expect(collect.outputs.contains(out + "/summary.md"))
        // Exact detectors are bound to no machine.
        #expect(plan.tasks.allSatisfy { $0.machine == nil } && plan.tasks[0].bench?.machine == nil)
        // The same grid, build and folder: the same plan, byte for byte.
        let again = try TaskPlan.make(runner, planFile: "plan.jsonl", cwd: "/somewhere", commandLine: "toolkit bench x")
        #expect(try again.jsonLines() == plan.jsonLines())
    }

    @Test func machineDependentRunsAreBoundToTheKernelSet() throws {
        let out = temporaryPath(prefix: "toolkit-plan-")
        let plan = try TaskPlan.make(Self.runner(out, detectors: ["hbos", "ae"]), planFile: "p", cwd: "/", commandLine: "c")
        let tag = plan.tasks[0].bench?.machine
        #expect(tag != nil)
        for task in plan.tasks where task.kind == .detect {
            #expect(task.machine == (task.detector == "ae" ? tag : nil))
            if task.detector == "ae" { #expect(task.outputs[0].contains("-" + tag! + "-seed")) }
        }
        #expect(plan.tasks.last?.machine == tag)
    }

    /// Each detector run carries its detector's work growth (an engine's ordering hint); other
    /// units carry none, and a plan line without the key reads as nil (plans made before it).
    @Test func detectorRunsCarryTheirWorkGrowth() throws {
        let out = temporaryPath(prefix: "toolkit-plan-")
        let plan = try TaskPlan.make(Self.runner(out, detectors: ["iforest", "knn", "ocsvm"]), planFile: "p", cwd: "/", commandLine: "c")
        for task in plan.tasks {
            switch (task.kind, task.detector) {
            case (.detect, "iforest"): #expect(task.work == .linear)
            case (.detect, _): #expect(task.work == .superlinear)
            default: #expect(task.work == nil)
            }
        }
        let line = try plan.jsonLines().split(separator: "\n")[2]
        #expect(line.contains("\"work\":\"linear\""))
        let older = try JSONDecoder().decode(PlanTask.self, from: Data(line.replacingOccurrences(of: ",\"work\":\"linear\"", with: "").utf8))
        #expect(older.work == nil && older.detector == "iforest")
    }

    /// `bench --param` values reach every detector run and name its score file; a plan without
    /// them has no `params` key (plans made before it read the same).
    @Test func detectorParametersAreInThePlanAndTheScoreFiles() throws {
        let out = temporaryPath(prefix: "toolkit-plan-")
        var runner = Self.runner(out)
        runner.parameters = ["lists=embedding", "list_dim=8"]
        let plan = try TaskPlan.make(runner, planFile: "p", cwd: "/", commandLine: "c")
        #expect(plan.tasks[0].bench?.parameters == ["lists=embedding", "list_dim=8"])
        let zigzag = try runner.workspace.resolve("zigzag", overrides: [])
        let cell = try #require(plan.tasks.first { $0.kind == .detect && $0.detector == "hbos" && $0.seed == 1 && $0.recipe == 0 })
        #expect(cell.outputs[0] == (try runner.workspace.scoresPath(zigzag, detector: "hbos", parameters: runner.parameters, seed: 1)))
        #expect(cell.outputs[0] != (try runner.workspace.scoresPath(zigzag, detector: "hbos", parameters: [], seed: 1)))
        #expect(try plan.jsonLines().contains("\"params\":[\"lists=embedding\",\"list_dim=8\"]"))
        #expect(try !TaskPlan.make(Self.runner(out), planFile: "p", cwd: "/", commandLine: "c").jsonLines().contains("\"params\""))
    }

    @Test func jsonLinesRoundTripAndGrepableKinds() throws {
        let folder = temporaryPath(prefix: "toolkit-plan-")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let plan = try TaskPlan.make(Self.runner(folder + "/bench"), planFile: "plan.jsonl", cwd: folder, commandLine: "c")
        let text = try plan.jsonLines()
        #expect(text.split(separator: "\n").count == plan.tasks.count)
        #expect(text.components(separatedBy: "\"kind\":\"detect\"").count - 1 == 8)
        #expect(!text.contains("\\/"))
        try FileSystem.writeAtomically(text, to: folder + "/plan.jsonl")
        #expect(try TaskPlan.read(folder + "/plan.jsonl") == plan)
    }

    @Test func badPlansAreErrorsNamingTheLine() throws {
        let folder = temporaryPath(prefix: "toolkit-plan-")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let lines = try TaskPlan.make(Self.runner(folder + "/bench"), planFile: "p", cwd: folder, commandLine: "c")
            .jsonLines().split(separator: "\n").map(String.init)
        func error(_ text: String) throws -> DataError? {
            try FileSystem.writeAtomically(text, to: folder + "/p.jsonl")
            do { _ = try TaskPlan.read(folder + "/p.jsonl") } catch let error as DataError { return error } catch { return nil }
            return nil
        }
        #expect(try error(lines[0] + "\n{\"index\":1}\n")?.line == 2)
        #expect(try error(lines[0] + "\nnot json\n")?.code == .badPlan)
        #expect(try error(lines[1] + "\n")?.description.contains("index is 1 where its place says 0") == true)
        #expect(try error("")?.description.contains("no tasks") == true)
        // Another bench in one line, after two blank lines: the file's line, not the index + 1.
        #expect(lines[1].contains("\"out\":\""))
        let otherBench = try error("\n\n" + lines[0] + "\n" + lines[1].replacingOccurrences(of: "\"out\":\"", with: "\"out\":\"x") + "\n")
        #expect(otherBench?.line == 4 && otherBench?.message.contains("carries another 'bench' than task 0") == true,
                "\(otherBench?.description ?? "")")
        // Cut short: every line whole, the last unit missing.
        let cut = try error(lines.dropLast().joined(separator: "\n") + "\n")
        #expect(cut?.code == .badPlan && cut?.line == lines.count - 1, "\(cut?.description ?? "")")
        #expect(cut?.message.contains("not with its leaderboards or join unit: it was cut short") == true)
        #expect(throws: DataError.self) { _ = try TaskPlan.read(folder + "/missing.jsonl") }
    }
}
