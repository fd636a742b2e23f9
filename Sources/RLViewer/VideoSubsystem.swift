import CSDL2
import Foundation

/// Whether a window can be opened here, and SDL's video subsystem for the windows that are.
///
/// SDL quietly falls back to its invisible `offscreen` driver when it finds no display, so
/// the viewer decides itself: on Linux and other Unix systems a window needs `DISPLAY` (X11)
/// or `WAYLAND_DISPLAY`, unless `SDL_VIDEODRIVER` names a driver explicitly (then SDL's
/// answer counts). macOS and Windows always have a display for a logged-in user.
public enum VideoSubsystem {
    /// Why no window can be opened in a process with `environment`, or `nil` when one can be
    /// tried (opening it may still fail, with ``ViewerError/noDisplay(_:)``).
    ///
    /// The `rl` command asks this before choosing between a window and text.
    public static func missingDisplayReason(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        #if os(macOS) || os(Windows)
        return nil
        #else
        if isSet("SDL_VIDEODRIVER", in: environment) || preferredDriver(environment: environment) != nil {
            return nil
        }
        return "neither DISPLAY nor WAYLAND_DISPLAY is set"
        #endif
    }

    /// The SDL video driver to ask for: X11 when `DISPLAY` is set, else Wayland when
    /// `WAYLAND_DISPLAY` is; `nil` to leave the choice to SDL.
    ///
    /// Naming the driver keeps SDL from trying the others after a failure (Wayland's library
    /// prints noise on a machine without it, and the last resort is the invisible driver).
    static func preferredDriver(environment: [String: String]) -> String? {
        #if os(macOS) || os(Windows)
        return nil
        #else
        if isSet("DISPLAY", in: environment) { return "x11" }
        if isSet("WAYLAND_DISPLAY", in: environment) { return "wayland" }
        return nil
        #endif
    }

    /// SDL's drivers that draw nowhere a person can see.
    static let invisibleDrivers: Set<String> = ["offscreen", "dummy", "evdev"]

    /// Starts SDL's video subsystem (SDL counts starts and stops, so windows can come and go).
    ///
    /// - Parameter driver: an SDL video driver to use (`"dummy"`, `"offscreen"`, `"x11"`);
    ///   `nil` picks one from the process environment as described above.
    /// - Throws: ``ViewerError/noDisplay(_:)`` when there is no display, SDL cannot start,
    ///   or SDL fell back to an invisible driver that nobody asked for.
    static func start(driver: String?) throws {
        let environment = ProcessInfo.processInfo.environment
        if SDL_WasInit(SDL_INIT_VIDEO) != 0, let driver, let running = SDL_GetCurrentVideoDriver().map({ String(cString: $0) }),
           running.lowercased() != driver.lowercased() {
            // SDL runs one video driver per process; another window holds it.
            throw ViewerError.sdlFailure(function: "SDL_InitSubSystem",
                                         message: "video already runs on the \(running) driver, cannot switch to \(driver)")
        }
        if let driver {
            // Overrides SDL_VIDEODRIVER too: the caller's choice is explicit.
            SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, driver, SDL_HINT_OVERRIDE)
        } else if let reason = missingDisplayReason(environment: environment) {
            throw ViewerError.noDisplay(reason)
        } else if !isSet("SDL_VIDEODRIVER", in: environment), let preferred = preferredDriver(environment: environment) {
            SDL_SetHint(SDL_HINT_VIDEODRIVER, preferred)
        }
        let failure = SDL_InitSubSystem(SDL_INIT_VIDEO) == 0 ? nil : String(cString: SDL_GetError())
        // The hint only matters while starting; later starts choose afresh.
        SDL_ResetHint(SDL_HINT_VIDEODRIVER)
        if let failure {
            throw ViewerError.noDisplay("SDL could not start video: \(failure)")
        }
        let chosen = SDL_GetCurrentVideoDriver().map { String(cString: $0) } ?? "none"
        let requested = driver ?? environment["SDL_VIDEODRIVER"]
        if invisibleDrivers.contains(chosen) && requested?.lowercased() != chosen {
            stop()
            throw ViewerError.noDisplay("SDL found no display and fell back to its \(chosen) driver")
        }
    }

    /// Stops what one ``start(driver:)`` started.
    static func stop() {
        SDL_QuitSubSystem(SDL_INIT_VIDEO)
    }

    private static func isSet(_ name: String, in environment: [String: String]) -> Bool {
        !(environment[name] ?? "").isEmpty
    }
}
