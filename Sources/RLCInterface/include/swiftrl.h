/*
 * swiftrl.h: the C interface of swift-rl's environments (library libRLCInterface).
 *
 * Every function returns a status (SWIFTRL_OK, or a code below with the message in
 * swiftrl_last_error()) or a string the caller frees with swiftrl_string_free (NULL on failure).
 * No input makes the library trap: pointers are checked, sizes must match exactly, handles are
 * numbers checked against the live vectors. Calls on one vector are serialised by a lock.
 */
#ifndef SWIFTRL_H
#define SWIFTRL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. */
#define SWIFTRL_OK 0
#define SWIFTRL_FAILED 1               /* anything else */
#define SWIFTRL_UNKNOWN_ENVIRONMENT 2  /* no environment has the id */
#define SWIFTRL_INVALID_OPTION 3       /* options not a JSON object of scalars, unknown name, bad value */
#define SWIFTRL_INVALID_ARGUMENT 4     /* copies, buffer size or alignment, null pointer, unknown mode */
#define SWIFTRL_INVALID_HANDLE 5       /* not a live vector */
#define SWIFTRL_RESET_NEEDED 6         /* step before reset, or after an episode ended (autoreset disabled) */
#define SWIFTRL_INVALID_ACTION 7       /* an action outside the action space */

/* Autoreset modes (Gymnasium's AutoresetMode). */
#define SWIFTRL_AUTORESET_NEXT_STEP 0
#define SWIFTRL_AUTORESET_SAME_STEP 1
#define SWIFTRL_AUTORESET_DISABLED 2

/*
 * Buffers, row i for copy i; sizes must be exact. Observations are float32 rows (copies x width)
 * for a Box, or int64 components, component-major (components x copies), for a finite space
 * (Discrete: its value; Tuple of Discrete: one row per component). Actions: int64 positions
 * (value - start) for a finite action space, float32 rows for a Box (clipped to its bounds).
 */
#define SWIFTRL_BUFFER_OBSERVATIONS 0        /* float32 or int64, see above */
#define SWIFTRL_BUFFER_REWARDS 1             /* float32 x copies */
#define SWIFTRL_BUFFER_TERMINATED 2          /* uint8 x copies */
#define SWIFTRL_BUFFER_TRUNCATED 3           /* uint8 x copies */
#define SWIFTRL_BUFFER_ACTIONS 4             /* int64 x copies, or float32 x copies x width (read) */
#define SWIFTRL_BUFFER_FINAL_OBSERVATIONS 5  /* as observations; same-step mode only */
#define SWIFTRL_BUFFER_HAS_FINAL_OBSERVATION 6 /* uint8 x copies; same-step mode only */
#define SWIFTRL_BUFFER_EPISODE_RETURNS 7     /* float64 x copies: the running episodes */
#define SWIFTRL_BUFFER_EPISODE_LENGTHS 8     /* int64 x copies */

const char *swiftrl_last_error(void);
int32_t swiftrl_last_error_code(void);
void swiftrl_string_free(char *string);

char *swiftrl_registry_json(void);
char *swiftrl_rollout_json(const char *id, const char *options_json, uint64_t seed, const char *actions_json);

/* autoreset: SWIFTRL_AUTORESET_*; threads: 0 automatic, 1 the calling thread, n (at most 256) up to n threads. */
int32_t swiftrl_vector_create(const char *id, const char *options_json, int64_t copies, int32_t autoreset,
                              int32_t threads, int64_t *handle);
char *swiftrl_vector_describe(int64_t handle);
int32_t swiftrl_vector_bind(int64_t handle, int32_t buffer, void *address, int64_t byte_count);
int32_t swiftrl_vector_reset(int64_t handle, uint64_t seed, int32_t has_seed);
int32_t swiftrl_vector_step(int64_t handle);
int32_t swiftrl_vector_episode(int64_t handle, int64_t copy, int32_t *finished, double *episode_return,
                               int64_t *length, int32_t *terminated, int32_t *truncated, int32_t *succeeded);
int32_t swiftrl_vector_counts(int64_t handle, int64_t *episodes, int64_t *steps);
char *swiftrl_vector_render_text(int64_t handle, int64_t copy);
int32_t swiftrl_vector_free(int64_t handle);

#ifdef __cplusplus
}
#endif

#endif
