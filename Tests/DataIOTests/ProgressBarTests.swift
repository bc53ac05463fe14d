import Testing
@testable import DataIO

@Suite struct ProgressBarTests {
    @Test func compactCountsAndClock() {
        #expect(ProgressBar.compact(999) == "999")
        #expect(ProgressBar.compact(25_000) == "25k")
        #expect(ProgressBar.compact(12_000_000) == "12M")
        #expect(ProgressBar.clock(5) == "0:05")
        #expect(ProgressBar.clock(125) == "2:05")
        #expect(ProgressBar.clock(3725) == "1:02:05")
    }

    /// Issue 19: the bar was a fixed ~99 characters, so an 80-column terminal wrapped every redraw.
    @Test(arguments: [200, 80, 60, 40, 20])
    func theLineFitsTheTerminal(columns: Int) {
        let text = ProgressBar.line(label: "dagmm training", completed: 37, total: 200, unit: "steps", elapsed: 12.5, columns: columns)
        #expect(text.count <= columns - 1, "\(text.count) > \(columns - 1): \(text)")
        if columns >= 80 { #expect(text.contains("[") && text.contains("ETA")) }
    }

    @Test func plainLinesForLogsHaveNoBarOrControlCharacters() {
        let text = ProgressBar.line(label: "bench", completed: 5, total: 10, unit: "runs", elapsed: 5, columns: nil)
        #expect(text == "bench 50% 5/10 runs 1.0/s ETA 0:05")
    }

    /// A long training run's epochs (one every few seconds) printed "0/s".
    @Test func slowUnitsShowTheTimeEachTakes() {
        #expect(ProgressBar.speed(25_000, unit: "rows") == "25k/s")
        #expect(ProgressBar.speed(3.46, unit: "steps") == "3.5/s")
        #expect(ProgressBar.speed(1 / 1.44, unit: "steps") == "1.4 s/step")
        #expect(ProgressBar.speed(0, unit: "steps") == "0/s")
        let text = ProgressBar.line(label: "deep-e2e training", completed: 20, total: 200, unit: "steps", elapsed: 60, columns: nil)
        #expect(text == "deep-e2e training 10% 20/200 steps 3.0 s/step ETA 9:00")
    }

    /// In a log, `finish` adds the final line only when the last plain line was not already it
    /// (a training run's last epoch printed "100% 2/2" twice); a note is a line of its own.
    @Test func plainFinishDoesNotRepeatTheLastLine() {
        final class Lines: @unchecked Sendable { var text = "" }
        let lines = Lines()
        func bar(interval: Double = 0) -> ProgressBar {
            ProgressBar("t", total: 2, unit: "steps", mode: .plain, interval: interval, output: { lines.text += $0 })
        }
        let quick = bar(interval: 3600)
        quick.update(2)   // within the first interval: nothing printed, and so nothing at the end
        quick.finish(2)
        #expect(lines.text.isEmpty)
        let slow = bar()
        slow.note("wrote a.epoch1.csv")
        slow.update(2)
        slow.finish(2)
        let printed = lines.text.split(separator: "\n")
        #expect(printed.count == 2 && printed[0] == "wrote a.epoch1.csv" && printed[1].hasPrefix("t 100% 2/2 steps"), "\(printed)")
        let partial = bar()
        lines.text = ""
        partial.update(1)
        partial.finish(2)   // stopped early: the last line printed said 1/2, so 2/2 is added
        #expect(lines.text.split(separator: "\n").count == 2, "\(lines.text)")
    }
}
