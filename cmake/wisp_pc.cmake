# Install-time script: writes wisp.pc from wisp.pc.in for the prefix being installed to, which
# `cmake --install --prefix` (and `make install PREFIX=...`) may choose after configuration.
# Set by the calling install(CODE): WISP_PC_TEMPLATE, WISP_PC_OUTPUT, WISP_PC_LIBDIR_REL,
# WISP_PC_INCLUDEDIR_REL, WISP_PC_VERSION. DESTDIR is not part of the prefix (packaging).
set(WISP_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
foreach(kind LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${WISP_PC_${kind}_REL}")
    set(WISP_PC_${kind} "${WISP_PC_${kind}_REL}")
  else()
    set(WISP_PC_${kind} "\${prefix}/${WISP_PC_${kind}_REL}")
  endif()
endforeach()
configure_file("${WISP_PC_TEMPLATE}" "${WISP_PC_OUTPUT}" @ONLY)
