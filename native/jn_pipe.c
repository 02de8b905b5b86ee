/*
 * jn_pipe: the one system call Node does not expose that jn needs, pipe2(2).
 * Node's child stdio 'pipe' is a socketpair; jn joins stages with real
 * anonymous kernel pipes (64 KiB buffer, SIGPIPE for a writer whose reader
 * left). Both ends are O_CLOEXEC so no child inherits a pipe end it was not
 * handed as stdio. Built by scripts/build.mjs with the system C compiler;
 * when it cannot be built, src/pipeline/pipes.ts falls back to a FIFO.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <node_api.h>

static napi_value make_pipe(napi_env env, napi_callback_info info) {
  (void)info;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    napi_throw_error(env, "EPIPE2", strerror(errno));
    return NULL;
  }
  napi_value result, r, w;
  napi_create_array_with_length(env, 2, &result);
  napi_create_int32(env, fds[0], &r);
  napi_create_int32(env, fds[1], &w);
  napi_set_element(env, result, 0, r);
  napi_set_element(env, result, 1, w);
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "pipe", NAPI_AUTO_LENGTH, make_pipe, NULL, &fn);
  napi_set_named_property(env, exports, "pipe", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
