import DataIO
import Foundation
import Testing
@testable import Bench
import TestSupport

@Suite struct TaskRunnerTests {
    /// A plan in the test process's own folder (run-task changes to the plan's folder, which a
    /// test must not do to its parallel neighbours) with an absolute work folder.
    static func plan(detectors: [String] = ["hbos", "iforest"]) throws -> (TaskPlan, BenchRunner) {
        let out = temporaryPath(prefix: "toolkit-tasks-")
        let runner = TaskPlanTests.runner(out, detectors: detectors)
        let plan = try TaskPlan.make(runner, planFile: out + ".jsonl", cwd: FileManager.default.currentDirectoryPath,
                                     commandLine: "toolkit bench zigzag arrhythmia --runs 2")
        return (plan, runner)
    }

    @Test func everyUnitInOrderGivesTheSequentialBenchsFiles() throws {
        let (plan, runner) = try Self.plan()
        let tasks = TaskRunner(plan: plan, build: "testbuild")
        for task in plan.tasks {
            #expect(try tasks.run(index: task.index, planPath: "p").outcome == .ran)
        }
        // The planned folder moves aside and the same grid runs sequentially into the same path
        // (metrics.json names its files by path), with the plan's command line and machine line.
        let planned = runner.out + "-planned"
        try FileManager.default.moveItem(atPath: runner.out, toPath: planned)
        var sequential = runner
        sequential.machineSummary = plan.tasks[0].bench?.machineSummary
        _ = try sequential.run(command: "toolkit bench zigzag arrhythmia --runs 2")
        // Every file, byte for byte: the leaderboards (rounded), metrics.json (every digit), the
        // reports, and each score file and its digest in the cache.
        let files = Self.files(under: planned)
        #expect(files.contains("zigzag/metrics.json") && files.contains("arrhythmia/leaderboard.md") && files.contains("summary.md"), "\(files)")
        #expect(files.filter { $0.hasSuffix(".csv") && $0.contains("/scores/") }.count == 8, "\(files)")
        #expect(files == Self.files(under: sequential.out))
        for file in files {
            let ours = try #require(FileManager.default.contents(atPath: planned + "/" + file), "\(file)")
            #expect(ours == FileManager.default.contents(atPath: sequential.out + "/" + file), "\(file)")
        }
    }

    /// The files under `folder`, as sorted relative paths.
    static func files(under folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue { paths.append(path) }
        }
        return paths.sorted()
    }

    @Test func finishedUnitsAreSkippedAndChangedOutputsRedone() throws {
        let (plan, _) = try Self.plan()
        let tasks = TaskRunner(plan: plan, build: "testbuild")
        let cell = plan.tasks[3]
        #expect(try tasks.run(index: 0, planPath: "p").outcome == .ran)
        #expect(try tasks.run(index: 0, planPath: "p").outcome == .skipped)
        #expect(try tasks.run(index: 3, planPath: "p").outcome == .ran)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cell.outputs[0]))
        #expect(try tasks.run(index: 3, planPath: "p").outcome == .skipped)
        // A changed score file no longer matches its digest: the unit runs again and restores it.
        try FileSystem.writeAtomically("id,score\n0,1.0\n", to: cell.outputs[0])
        #expect(try tasks.run(index: 3, planPath: "p").outcome == .ran)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cell.outputs[0])) == bytes)
        // A changed dataset file: the dataset unit regenerates it.
        let dataset = plan.tasks[0].outputs[0]
        try FileSystem.writeAtomically("id,label\n", to: dataset + "/labels.csv")
        #expect(try tasks.run(index: 0, planPath: "p").outcome == .ran)
        #expect(Workspace.datasetVerifies(dataset))
    }

    @Test func unitsWhoseInputsAreMissingAreRefused() throws {
        let (plan, _) = try Self.plan()
        let tasks = TaskRunner(plan: plan, build: "testbuild")
        let notReady = #expect(throws: DataError.self) { _ = try tasks.run(index: 2, planPath: "p") }
        #expect(notReady?.code == .notReady && notReady?.description.contains("run task 0") == true)
        let notFinished = #expect(throws: DataError.self) { _ = try tasks.run(index: plan.tasks.count - 1, planPath: "p") }
        #expect(notFinished?.code == .missingResult)
        #expect(notFinished?.description.contains("10 of the grid's 10 units") == true)
    }

    @Test func anotherBuildOrKernelSetIsRefused() throws {
        let (plan, _) = try Self.plan()
        let wrongBuild = #expect(throws: DataError.self) { _ = try TaskRunner(plan: plan, build: "other").run(index: 0, planPath: "p") }
        #expect(wrongBuild?.code == .wrongBuild)
        var bound = plan
        bound.tasks[2].machine = "SomeKernel-t64"
        let wrongMachine = #expect(throws: DataError.self) { _ = try TaskRunner(plan: bound, build: "testbuild").run(index: 2, planPath: "p") }
        #expect(wrongMachine?.code == .wrongMachine && wrongMachine?.description.contains("OPENBLAS_CORETYPE") == true)
        #expect(throws: DataError.self) { _ = try TaskRunner(plan: plan, build: "testbuild").run(index: 99, planPath: "p") }
    }

    @Test func theIndexComesFromTheOptionThenSlurmThenKubernetes() throws {
        #expect(try TaskRunner.index(option: 4, environment: ["SLURM_ARRAY_TASK_ID": "7"]) == 4)
        #expect(try TaskRunner.index(option: nil, environment: ["SLURM_ARRAY_TASK_ID": "7", "JOB_COMPLETION_INDEX": "9"]) == 7)
        #expect(try TaskRunner.index(option: nil, environment: ["JOB_COMPLETION_INDEX": "9"]) == 9)
        #expect(throws: DataError.self) { _ = try TaskRunner.index(option: nil, environment: [:]) }
        #expect(throws: DataError.self) { _ = try TaskRunner.index(option: nil, environment: ["SLURM_ARRAY_TASK_ID": "x"]) }
    }

    @Test func aStagesUnitsAreNumberedFromZero() throws {
        let (plan, _) = try Self.plan()
        let tasks = TaskRunner(plan: plan, build: "testbuild")
        #expect(try tasks.planIndex(stage: 0, position: 1, planPath: "p") == 1)
        #expect(try tasks.planIndex(stage: 1, position: 0, planPath: "p") == 2)
        #expect(try tasks.planIndex(stage: 2, position: 0, planPath: "p") == plan.tasks.count - 1)
        let tooFar = #expect(throws: DataError.self) { _ = try tasks.planIndex(stage: 1, position: 8, planPath: "p") }
        #expect(tooFar?.description.contains("stage 1 has 8 units") == true)
        #expect(throws: DataError.self) { _ = try tasks.planIndex(stage: 5, position: 0, planPath: "p") }
    }
}
