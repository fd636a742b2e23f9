/*
 * The same CartPole-v1 batches as steps_per_second.py, stepped from C through the shared
 * library with no Python in the loop: what the C interface itself costs. Built and run by run.sh.
 * Usage: step_loop COPIES THREADS
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swiftrl.h"

static double now(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return time.tv_sec + time.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    int64_t copies = argc > 1 ? atoll(argv[1]) : 64;
    int32_t threads = argc > 2 ? atoi(argv[2]) : 0;
    int64_t handle;
    if (swiftrl_vector_create("CartPole-v1", "{}", copies, SWIFTRL_AUTORESET_NEXT_STEP, threads, &handle) != SWIFTRL_OK) {
        fprintf(stderr, "%s\n", swiftrl_last_error());
        return 1;
    }
    const int batches = 256;
    float *observations = malloc(sizeof(float) * 4 * copies);
    float *rewards = malloc(sizeof(float) * copies);
    uint8_t *terminated = malloc(copies), *truncated = malloc(copies);
    int64_t *actions = malloc(sizeof(int64_t) * copies * batches);
    int64_t *bound_actions = malloc(sizeof(int64_t) * copies);
    srand(0);
    for (int64_t i = 0; i < copies * batches; i++) actions[i] = rand() & 1;
    swiftrl_vector_bind(handle, SWIFTRL_BUFFER_OBSERVATIONS, observations, (int64_t)sizeof(float) * 4 * copies);
    swiftrl_vector_bind(handle, SWIFTRL_BUFFER_REWARDS, rewards, (int64_t)sizeof(float) * copies);
    swiftrl_vector_bind(handle, SWIFTRL_BUFFER_TERMINATED, terminated, copies);
    swiftrl_vector_bind(handle, SWIFTRL_BUFFER_TRUNCATED, truncated, copies);
    swiftrl_vector_bind(handle, SWIFTRL_BUFFER_ACTIONS, bound_actions, (int64_t)sizeof(int64_t) * copies);
    swiftrl_vector_reset(handle, 0, 1);
    double best = 0;
    for (int round = 0; round < 5; round++) {
        int64_t calls = 0;
        double start = now(), elapsed;
        do {
            for (int batch = 0; batch < batches; batch++) {
                /* As the Python vector does: the batch copied into the bound actions buffer. */
                memcpy(bound_actions, actions + batch * copies, sizeof(int64_t) * copies);
                if (swiftrl_vector_step(handle) != SWIFTRL_OK) {
                    fprintf(stderr, "%s\n", swiftrl_last_error());
                    return 1;
                }
            }
            calls += batches;
            elapsed = now() - start;
        } while (elapsed < 1.0);
        double rate = calls * copies / elapsed;
        if (rate > best) best = rate;
    }
    printf("%lld copies, threads %d: %.3f million steps/s from C (best of 5 rounds)\n", (long long)copies, threads, best / 1e6);
    swiftrl_vector_free(handle);
    return 0;
}
