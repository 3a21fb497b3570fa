;; hello: an imported host function called from an exported wasm function.
(module
  (func $hello (import "" "hello"))
  (func (export "run") (call $hello)))
