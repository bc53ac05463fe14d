import Foundation
import PackagePlugin

/// Build-tool plugin: embeds every `Recipes/*.yaml` file (the top level only: the `toolkit check`
/// expectation files live in `Recipes/expectations/`) into the `Recipe` module as string
/// literals, so bundled recipes work from any working directory and from a copied binary, and the
/// embedded copies can never drift from the files in `Recipes/`.
///
/// The folder itself is an input of the command (besides each file), so adding or removing a
/// recipe reruns the embedder, which lists the folder itself.
@main
struct EmbedRecipes: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Recipes")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledRecipeTexts.swift")
        return [
            .buildCommand(
                displayName: "Embedding the bundled recipes",
                executable: try context.tool(named: "recipe-embedder").url,
                arguments: [output.path, folder.path],
                inputFiles: [folder] + files,
                outputFiles: [output]
            )
        ]
    }
}
