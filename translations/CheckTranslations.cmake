# Test: the committed .ts is what lupdate makes of today's sources (no string added, changed or dropped).
# cmake -DGENERATOR_SCRIPT=... -DPROJECT_CMAKE=... -DLUPDATE=... -DTS=... -DWORK=... -P CheckTranslations.cmake
file(MAKE_DIRECTORY "${WORK}")
get_filename_component(ts_name "${TS}" NAME)
set(copy "${WORK}/${ts_name}")
file(COPY_FILE "${TS}" "${copy}")
execute_process(COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${PROJECT_CMAKE} -DOUT_FILE=${WORK}/project.json -P "${GENERATOR_SCRIPT}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cannot generate the lupdate project")
endif()
execute_process(COMMAND "${LUPDATE}" -project "${WORK}/project.json" -ts "${copy}" -no-obsolete -locations none -silent
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed")
endif()
file(READ "${TS}" committed)
file(READ "${copy}" fresh)
if(NOT committed STREQUAL fresh)
    message(FATAL_ERROR "${ts_name} is out of date: run 'cmake --build <build> --target update_translations', "
                        "translate the new strings (translations/tools/fill_de.py) and commit the .ts")
endif()
file(STRINGS "${TS}" unfinished REGEX "type=\"unfinished\"")
list(LENGTH unfinished n)
if(n GREATER 0)
    message(FATAL_ERROR "${ts_name} has ${n} untranslated strings")
endif()
message(STATUS "${ts_name} is current and complete")
