import Foundation
import SwiftProtobuf

// The translation between ``TensorBoardEvent`` and the generated protocol buffer types, kept
// here so that nothing public shows them.

extension Tensorboard_Event {
    /// The first event of a file: its version, and what wrote it.
    static func fileVersion(wallTime: Double) -> Tensorboard_Event {
        var event = Tensorboard_Event()
        event.wallTime = wallTime
        event.fileVersion = EventFileWriter.fileVersion
        event.sourceMetadata.writer = EventFileWriter.writerName
        return event
    }

    /// An event holding one summary value.
    init(wallTime: Double, step: Int, value: Tensorboard_Summary.Value) {
        self.init(wallTime: wallTime, step: step, values: [value])
    }

    /// An event holding several summary values of one step.
    init(wallTime: Double, step: Int, values: [Tensorboard_Summary.Value]) {
        self.init()
        self.wallTime = wallTime
        self.step = Int64(step)
        summary.value = values
    }

    /// The values the event holds, one ``TensorBoardEvent`` each.
    var events: [TensorBoardEvent] {
        let step = Int(clamping: self.step)
        switch what {
        case .fileVersion(let version):
            return [TensorBoardEvent(wallTime: wallTime, step: step, content: .fileVersion(version))]
        case .summary(let summary):
            return summary.value.map { TensorBoardEvent(wallTime: wallTime, step: step, content: $0.content) }
        case nil:
            return []
        }
    }
}

extension Tensorboard_Summary.Value {
    /// A scalar, as TensorBoard's `simple_value`.
    static func scalar(_ value: Float, tag: String) -> Tensorboard_Summary.Value {
        var summaryValue = Tensorboard_Summary.Value()
        summaryValue.tag = tag
        summaryValue.simpleValue = value
        return summaryValue
    }

    /// A text for the text plugin, as PyTorch's `SummaryWriter.add_text` writes it: a string
    /// tensor of shape [1] whose metadata names the `text` plugin, with `TextPluginData`
    /// (version 0) as the plugin's content.
    static func text(_ text: String, tag: String) throws -> Tensorboard_Summary.Value {
        var tensor = Tensorboard_TensorProto()
        tensor.dtype = .dtString
        var dimension = Tensorboard_TensorShapeProto.Dim()
        dimension.size = 1
        tensor.tensorShape.dim = [dimension]
        tensor.stringVal = [Data(text.utf8)]
        var summaryValue = Tensorboard_Summary.Value()
        summaryValue.tag = tag
        summaryValue.metadata.pluginData.pluginName = EventFileWriter.textPluginName
        summaryValue.metadata.pluginData.content = try Tensorboard_TextPluginData().serializedBytes()
        summaryValue.tensor = tensor
        return summaryValue
    }

    /// What the value holds, for reading.
    var content: TensorBoardEvent.Content {
        switch value {
        case .simpleValue(let number):
            return .scalar(tag: tag, value: number)
        case .tensor(let tensor) where metadata.pluginData.pluginName == EventFileWriter.textPluginName
            && tensor.dtype == .dtString && tensor.stringVal.count == 1:
            return .text(tag: tag, text: String(decoding: tensor.stringVal[0], as: UTF8.self))
        default:
            return .other(tag: tag)
        }
    }
}
