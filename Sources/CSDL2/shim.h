#ifndef C_SDL2_SHIM_H
#define C_SDL2_SHIM_H
#define SDL_MAIN_HANDLED 1
#include <SDL.h>
#endif
