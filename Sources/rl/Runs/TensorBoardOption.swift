import Foundation
import RL
import RLTensorBoard

/// `rl train --tensorboard DIR`: the callback writing the run's event files to DIR/RUN, RUN being
/// the run folder's name, as CleanRL names its runs under `runs/`.
enum TensorBoardOption {
    /// The TensorBoard callback for the run in `runFolder`, or none without `--tensorboard`.
    ///
    /// Made (and its folder created) before the run writes anything, so a folder that cannot be
    /// made fails the command first.
    static func callbacks(path: String?, runFolder: RunFolder, settings: [HyperparameterSetting]) throws -> [any TrainingCallback] {
        guard let path else { return [] }
        let directory = URL(fileURLWithPath: path).appendingPathComponent(runFolder.url.lastPathComponent)
        return [try TensorBoardCallback(directory: directory, hyperparameters: settings)]
    }
}
