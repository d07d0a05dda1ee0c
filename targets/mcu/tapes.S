/* The golden tapes in flash: TAPES_FILE is the bundle written by the test harness. */
    .section .rodata.ebnk_tapes, "a"
    .balign 4
    .global ebnk_tapes
ebnk_tapes:
    .incbin TAPES_FILE
    .global ebnk_tapes_end
ebnk_tapes_end:
    .byte 0
