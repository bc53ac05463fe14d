import Datasets
import Randomness

/// UCI Connect-4 (John Tromp): all legal 8-ply positions where no one has won yet and the next
/// move is not forced, with the game-theoretic outcome for the first player (x): win, loss, draw.
public enum ConnectFour {
    /// Columns a..g, rows 1..6 from the bottom, in the file's order (a1, a2, ..., g6).
    static let cellNames: [String] = "abcdefg".flatMap { column in (1...6).map { "\(column)\($0)" } }
    static let cellValues = ["x", "o", "b"]

    public static let schema = TableSchema(
        name: "connect4", title: "UCI Connect-4 (connect-4.data)",
        columns: cellNames.map { .init($0, .categorical(values: cellValues)) },
        classIndex: 42, classValues: ["win", "loss", "draw"], questionMarkIsMissing: false,
        knownChecksums: ["14c886b817783ac9b642f42ec78a2e67f727a3d41c94913af8954d454eee2367",   // connect-4.data.Z
                         "063152e6eadbb424c7ef4645df76e493a43812edd9c992400983da4fa54f8cba"],  // connect-4.data
        originalRows: 67_557)

    /// Class shares of the original (44,473 win, 16,635 loss, 6,449 draw).
    static let classShares = [44_473.0, 16_635.0, 6_449.0]

    /// A look-alike: legal 8-ply positions from random games (x moves first; each move drops a
    /// piece into a uniformly chosen column; a game in which someone completes four is redrawn),
    /// labelled by a documented rule in place of the exact game value, which would need a solver.
    ///
    /// Rule: with x to move, each of the 69 lines of four cells scores 4^k for k x pieces and no
    /// o pieces, minus 4^k for k o pieces and no x, plus 1 per x piece in the centre column minus
    /// 1 per o piece there. Positions are ranked by this score; the top 65.83% are `win`, the bottom
    /// 24.62% `loss`, the rest `draw` (the original shares), ties broken by generation order. So
    /// `loss` positions are the ones where o's threats outweigh x's: the structure a detector
    /// trained on `win` positions must learn.
    public static func lookalike(rows: Int, context: GenerationContext) -> Table {
        var generator = context.stream("lookalike")
        var boards: [[Int8]] = []   // per position, 42 cells in file order: 0 = x, 1 = o, 2 = b
        var scores: [Int] = []
        boards.reserveCapacity(rows)
        scores.reserveCapacity(rows)
        while boards.count < rows {
            guard let board = randomPosition(&generator) else { continue }
            boards.append(board)
            scores.append(evaluate(board))
        }
        // Rank by score (stable: generation order breaks ties) and cut at the original shares.
        let order = (0..<rows).sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let winCount = Int((Double(rows) * classShares[0] / classShares.reduce(0, +)).rounded())
        let lossCount = Int((Double(rows) * classShares[1] / classShares.reduce(0, +)).rounded())
        var classCodes = [Int32](repeating: 2, count: rows)
        for (rank, row) in order.enumerated() {
            if rank < winCount { classCodes[row] = 0 } else if rank >= rows - lossCount { classCodes[row] = 1 }
        }
        let columns = cellNames.indices.map { cell in
            Table.Column(name: cellNames[cell], data: .categorical(codes: boards.map { Int32($0[cell]) }, values: cellValues))
        }
        return Table(columns: columns, classCodes: classCodes, classValues: ["win", "loss", "draw"])
    }

    /// Plays 8 random plies; nil if someone completed four (the position would not be in the set).
    static func randomPosition(_ g: inout Xoshiro256StarStar) -> [Int8]? {
        var board = [Int8](repeating: 2, count: 42)
        var heights = [Int](repeating: 0, count: 7)
        for ply in 0..<8 {
            let column = g.uniformInt(below: 7)   // every column has room within 8 plies
            let cell = column * 6 + heights[column]
            board[cell] = Int8(ply % 2)
            heights[column] += 1
            if completesFour(board, column: column, row: heights[column] - 1) { return nil }
        }
        return board
    }

    /// The 69 lines of four cells, as indices into a board in file order.
    static let lines: [[Int]] = {
        var result: [[Int]] = []
        for column in 0..<7 {
            for row in 0..<6 {
                for (dc, dr) in [(1, 0), (0, 1), (1, 1), (1, -1)] {
                    let cells = (0..<4).map { (column + dc * $0, row + dr * $0) }
                    if cells.allSatisfy({ (0..<7).contains($0.0) && (0..<6).contains($0.1) }) {
                        result.append(cells.map { $0.0 * 6 + $0.1 })
                    }
                }
            }
        }
        return result
    }()

    static func completesFour(_ board: [Int8], column: Int, row: Int) -> Bool {
        let cell = column * 6 + row
        let player = board[cell]
        return lines.contains { line in line.contains(cell) && line.allSatisfy { board[$0] == player } }
    }

    static func evaluate(_ board: [Int8]) -> Int {
        var score = 0
        for line in lines {
            var x = 0, o = 0
            for cell in line {
                if board[cell] == 0 { x += 1 } else if board[cell] == 1 { o += 1 }
            }
            if o == 0 && x > 0 { score += 1 << (2 * x) }
            if x == 0 && o > 0 { score -= 1 << (2 * o) }
        }
        for row in 0..<6 {
            let cell = 3 * 6 + row
            if board[cell] == 0 { score += 1 } else if board[cell] == 1 { score -= 1 }
        }
        return score
    }
}
