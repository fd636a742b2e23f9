import CSDL2
import RLCore
import RLEnvironments
import Testing
@testable import RLViewer

extension SDLSuite {
    /// The window path, on SDL's `dummy` video driver: a real SDL window and renderer that draw
    /// into memory, so no display is needed.
    @Suite struct ViewerWindowTests {
        func makeWindow(width: Int = 600, height: Int = 400) throws -> ViewerWindow {
            try ViewerWindow(title: "test", width: width, height: height, videoDriver: "dummy")
        }

        @Test func windowDrawsWhatTheOffscreenCanvasDraws() throws {
            var environment = CartPole()
            environment.setState(CartPole.State(cartPosition: -0.8, cartVelocity: 0, poleAngle: 0.15, poleAngularVelocity: 0))
            let window = try makeWindow()
            try window.show(environment.drawing(), caption: "CartPole-v1 · episode 1")
            let canvas = OffscreenCanvas()
            try canvas.render(environment.drawing())
            #expect(try window.image() == canvas.image())
            #expect(window.title == "CartPole-v1 · episode 1")
        }

        @Test func windowTakesTheSizeOfEachDrawing() throws {
            let window = try makeWindow(width: 100, height: 100)
            #expect(window.size == (100, 100))
            var lake = try FrozenLake(mapName: "8x8")
            _ = lake.reset(seed: 3)
            try window.show(lake.drawing())
            #expect(window.size == (512, 512))
            #expect(try window.image().width == 512)
        }

        @Test func keyPressesArriveAsViewerEventsWithoutRepeats() throws {
            let window = try makeWindow()
            try window.show(Drawing(width: 600, height: 400))
            func push(_ type: SDL_EventType, _ key: SDL_KeyCode, repeats: Bool = false) {
                var event = SDL_Event()
                event.type = type.rawValue
                event.key.keysym.sym = SDL_Keycode(bitPattern: key.rawValue)
                event.key.repeat = repeats ? 1 : 0
                #expect(SDL_PushEvent(&event) == 1)
            }
            push(SDL_KEYDOWN, SDLK_SPACE)
            push(SDL_KEYDOWN, SDLK_SPACE, repeats: true)
            push(SDL_KEYDOWN, SDLK_RIGHT)
            push(SDL_KEYUP, SDLK_RIGHT)
            push(SDL_KEYDOWN, SDLK_KP_PLUS)
            push(SDL_KEYDOWN, SDLK_w)
            push(SDL_KEYDOWN, SDLK_7)
            push(SDL_KEYDOWN, SDLK_F5)   // not a viewer key
            var quit = SDL_Event()
            quit.type = SDL_QUIT.rawValue
            SDL_PushEvent(&quit)
            let events = window.waitForEvents(until: .now + .seconds(5))
            #expect(events == [.keyDown(.space), .keyDown(.right), .keyUp(.right), .keyDown(.plus),
                               .keyDown(.letter("w")), .keyDown(.digit(7)), .quit])
            #expect(events.last?.isQuitRequest == true && events.first?.isQuitRequest == false)
        }

        @Test func waitingEndsAtTheDeadlineWhenNothingHappens() throws {
            let window = try makeWindow()
            let clock = ContinuousClock()
            let start = clock.now
            #expect(window.waitForEvents(until: start + .milliseconds(40)).isEmpty)
            #expect(clock.now - start >= .milliseconds(39))
            #expect(window.waitForEvents(until: start).isEmpty)
        }

        @Test func badWindowSizeIsAnInvalidDrawing() {
            #expect(throws: ViewerError.invalidDrawing("canvas of 0x400 pixels; each side must be 1 to 16384")) {
                try makeWindow(width: 0, height: 400)
            }
        }

        @Test func aDisplayNeedsDISPLAYOrWaylandUnlessADriverIsNamed() {
            #if os(Linux)
            #expect(VideoSubsystem.missingDisplayReason(environment: [:]) == "neither DISPLAY nor WAYLAND_DISPLAY is set")
            #expect(VideoSubsystem.missingDisplayReason(environment: ["DISPLAY": ""]) != nil)
            #expect(VideoSubsystem.missingDisplayReason(environment: ["DISPLAY": ":0"]) == nil)
            #expect(VideoSubsystem.missingDisplayReason(environment: ["WAYLAND_DISPLAY": "wayland-0"]) == nil)
            #expect(VideoSubsystem.missingDisplayReason(environment: ["SDL_VIDEODRIVER": "kmsdrm"]) == nil)
            #expect(VideoSubsystem.preferredDriver(environment: ["DISPLAY": ":1", "WAYLAND_DISPLAY": "w"]) == "x11")
            #expect(VideoSubsystem.preferredDriver(environment: ["WAYLAND_DISPLAY": "w"]) == "wayland")
            #endif
        }

        @Test(.enabled(if: VideoSubsystem.missingDisplayReason() != nil, "only without a display"))
        func withoutADisplayOpeningAWindowThrowsNoDisplay() {
            #expect {
                try ViewerWindow(title: "test", width: 100, height: 100)
            } throws: { error in
                guard case ViewerError.noDisplay = error else { return false }
                return (error as! ViewerError).description.hasPrefix("no display for a window: ")
            }
        }
    }
}
