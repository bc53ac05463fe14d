import ArgumentParser
import Recipe

/// `toolkit recipes`: the bundled recipes.
struct Recipes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the bundled recipes, or show one fully resolved.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bundled recipes with one-line descriptions.")

        func run() throws {
            let entries = RecipeCatalog.entries
            let width = entries.map(\.name.count).max() ?? 0
            for entry in entries {
                let summary = entry.description.split(separator: ":").first.map(String.init) ?? entry.description
                print("\(entry.name.padding(width))  \(summary)")
            }
            print("\nShow one with every default filled in: toolkit recipes show NAME")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a recipe (bundled name or file) with every default filled in, after --seed and --set."
        )

        @OptionGroup var recipe: RecipeOptions

        func run() throws {
            print(try RecipeFormat.yaml(try recipe.load()), terminator: "")
        }
    }
}
