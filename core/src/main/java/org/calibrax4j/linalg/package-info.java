/** Float64 LAPACK/BLAS routines called directly through the OpenBLAS that ND4J bundles. */
package org.calibrax4j.linalg;
