import Testing
@testable import RLTensorBoard

/// The protocol buffers the writer makes, byte for byte against the same messages serialized
/// by TensorBoard's Python package (`tensorboard.compat.proto.event_pb2`, bytes printed by it).
@Suite("Event encoding")
struct EventEncodingTests {
    @Test("the version event is TensorBoard's")
    func fileVersion() throws {
        let event = Tensorboard_Event.fileVersion(wallTime: 1_700_000_000.125)
        #expect(try event.serializedBytes() == hexBytes(
            "0900000840fc54d9411a0d627261696e2e4576656e743a3252180a1673776966742d726c20524c54656e736f72426f617264"))
    }

    @Test("a scalar is TensorBoard's simple_value event")
    func scalar() throws {
        let event = Tensorboard_Event(
            wallTime: 1_700_000_000.5, step: 42, value: .scalar(21, tag: "charts/episodic_return"))
        #expect(try event.serializedBytes() == hexBytes(
            "0900002040fc54d941102a2a1f0a1d0a166368617274732f657069736f6469635f72657475726e150000a841"))
    }

    @Test("a text is what PyTorch's add_text writes: a string tensor for the text plugin")
    func text() throws {
        let event = Tensorboard_Event(
            wallTime: 1_700_000_000.25, step: 0,
            value: try .text("|param|value|\n|-|-|\n|seed|0|", tag: "hyperparameters/text_summary"))
        #expect(try event.serializedBytes() == hexBytes(
            "0900001040fc54d9412a520a500a1c6879706572706172616d65746572732f746578745f73756d6d61727942260807120412020801"
                + "421c7c706172616d7c76616c75657c0a7c2d7c2d7c0a7c736565647c307c4a080a060a0474657874"))
    }

    @Test("events decode to what was written")
    func decoding() throws {
        let scalar = Tensorboard_Event(wallTime: 12.5, step: 7, value: .scalar(-0.25, tag: "losses/td_loss"))
        #expect(scalar.events == [TensorBoardEvent(wallTime: 12.5, step: 7, content: .scalar(tag: "losses/td_loss", value: -0.25))])
        let text = Tensorboard_Event(wallTime: 1, step: 0, value: try .text("héllo", tag: "notes/text_summary"))
        #expect(text.events == [TensorBoardEvent(wallTime: 1, step: 0, content: .text(tag: "notes/text_summary", text: "héllo"))])
        var image = Tensorboard_Summary.Value()
        image.tag = "frames"
        image.tensor.dtype = .dtFloat
        #expect(Tensorboard_Event(wallTime: 1, step: 3, value: image).events.map(\.content) == [.other(tag: "frames")])
    }
}
